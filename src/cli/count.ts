import type { Command } from 'commander';
import { readInputFile } from './input-file.js';
import { count, CountError, METHODS, parseBlt, renderTable, type Method } from '../councils/counting/index.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../core/problem.js';
import { seedFromText } from '../core/seeded.js';

export interface CountOptions {
  method: string;
  seats?: string;
  json?: boolean;
  seed?: string;
}

/** `cordon count`: counts a BLT file offline. Returns the exit code. */
export function runCount(file: string, opts: CountOptions, out: (s: string) => void, err: (s: string) => void): number {
  if (!(METHODS as readonly string[]).includes(opts.method)) {
    err(`--method: must be one of ${METHODS.join(', ')}, got "${opts.method}"`);
    return EXIT_BAD_INPUT;
  }
  const text = readInputFile(file, err);
  if (text === undefined) return EXIT_BAD_INPUT;
  try {
    const election = parseBlt(text);
    if (election.ballots === 0) {
      err(`${file}: there are no valid ballots to count`);
      return EXIT_BAD_INPUT;
    }
    if (opts.seats !== undefined) {
      const seats = Number(opts.seats);
      if (!Number.isInteger(seats) || seats < 1) {
        err(`--seats: must be a whole number ≥ 1, got "${opts.seats}"`);
        return EXIT_BAD_INPUT;
      }
      if (seats > election.candidates.length) {
        err(`--seats: ${seats} seats but the file has only ${election.candidates.length} candidates`);
        return EXIT_BAD_INPUT;
      }
      election.seats = seats;
    }
    let seed = seedFromText(text);
    if (opts.seed !== undefined) {
      seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
        err(`--seed: must be a whole number 0–4294967295, got "${opts.seed}"`);
        return EXIT_BAD_INPUT;
      }
    }
    const result = count(election, opts.method as Method, seed);
    out(opts.json ? JSON.stringify({ title: election.title, ...result }) : renderTable(result, election.title));
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CountError) {
      err(e.line > 0 ? `${file}:${e.line}: ${e.reason}` : `${file}: ${e.reason}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
}

export function registerCount(program: Command, result: { code: number }, out: (s: string) => void, err: (s: string) => void): void {
  program
    .command('count <file>')
    .description('count a BLT ballot file offline and print the stage-by-stage table (Scottish STV by default)')
    .option('--method <method>', `counting method: ${METHODS.join(', ')}`, 'stv')
    .option('--seats <n>', 'seats to fill (default: as the file says)')
    .option('--seed <n>', 'seed for any draw by lot (default: derived from the file, so counts repeat)')
    .option('--json', 'print {elected, stages, quota, …} as JSON')
    .action((file: string, opts: CountOptions) => {
      result.code = runCount(file, opts, out, err);
    });
}

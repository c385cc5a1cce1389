import type { Command } from 'commander';
import { readInputFile } from './input-file.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../core/problem.js';
import {
  allocateRations,
  csvField,
  HouseholdFileError,
  householdClaims,
  parseHouseholdsCsv,
  RATION_METHODS,
  type RationMethod,
} from '../supply/ration/index.js';
import { seedFromText } from '../core/seeded.js';

export interface RationOptions {
  stock?: string;
  method?: string;
  seed?: string;
  needPerAdult?: string;
  json?: boolean;
}

/** A whole number ≥ 0 written in decimal digits (surrounding spaces allowed), or undefined. */
function wholeNumber(text: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const t = text.trim();
  if (!/^[0-9]+$/.test(t)) return undefined;
  const v = Number(t);
  return v <= max ? v : undefined;
}

/** `cordon ration`: shares a stock among the households of a CSV file offline. Returns the exit code. */
export function runRation(file: string, opts: RationOptions, out: (s: string) => void, err: (s: string) => void): number {
  if (opts.stock === undefined) {
    err('--stock: required: the whole units of the good to share, e.g. --stock 250000');
    return EXIT_BAD_INPUT;
  }
  const stock = wholeNumber(opts.stock);
  if (stock === undefined) {
    err(`--stock: must be a whole number ≥ 0, got "${opts.stock}"`);
    return EXIT_BAD_INPUT;
  }
  if (opts.method === undefined) {
    err(`--method: required: one of ${RATION_METHODS.join(', ')}`);
    return EXIT_BAD_INPUT;
  }
  if (!(RATION_METHODS as readonly string[]).includes(opts.method)) {
    err(`--method: must be one of ${RATION_METHODS.join(', ')}, got "${opts.method}"`);
    return EXIT_BAD_INPUT;
  }
  const perAdult = opts.needPerAdult === undefined ? 1000 : wholeNumber(opts.needPerAdult, 1e9);
  if (perAdult === undefined) {
    err(`--need-per-adult: must be a whole number 0–1000000000, got "${opts.needPerAdult}"`);
    return EXIT_BAD_INPUT;
  }
  let seed: number | undefined;
  if (opts.seed !== undefined) {
    seed = wholeNumber(opts.seed, 0xffffffff);
    if (seed === undefined) {
      err(`--seed: must be a whole number 0–4294967295, got "${opts.seed}"`);
      return EXIT_BAD_INPUT;
    }
  }
  const text = readInputFile(file, err);
  if (text === undefined) return EXIT_BAD_INPUT;
  try {
    const table = parseHouseholdsCsv(text);
    const claims = householdClaims({ kind: 'equivalent_adult', perAdult }, table);
    const rations = allocateRations(stock, claims, opts.method as RationMethod, seed ?? seedFromText(text));
    const { households } = table;
    if (opts.json) {
      out(JSON.stringify({ rations: households.map((household, i) => ({ household, need: claims.need[i], ration: rations[i] })) }));
    } else {
      const lines = ['household,need,ration'];
      for (let i = 0; i < households.length; i++) lines.push(`${csvField(households[i]!)},${claims.need[i]},${rations[i]}`);
      out(lines.join('\n'));
    }
    return EXIT_OK;
  } catch (e) {
    if (e instanceof HouseholdFileError) {
      err(`${file}:${e.line}: ${e.reason}`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof RangeError) {
      err(`${file}: ${e.message}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
}

export function registerRation(program: Command, result: { code: number }, out: (s: string) => void, err: (s: string) => void): void {
  program
    .command('ration <file>')
    .description('share a stock of one good among the households of a CSV file (household,adults,children,infants,special) offline')
    .option('--stock <n>', 'whole units of the good to share (required)')
    .option('--method <method>', `how to share a shortage: ${RATION_METHODS.join(', ')} (required)`)
    .option('--need-per-adult <n>', 'units per equivalent adult (OECD-modified scale: 1, 0.5 per further adult, 0.3 per child or infant)', '1000')
    .option('--seed <n>', 'seed for the lots that settle ties (default: derived from the file, so rations repeat)')
    .option('--json', 'print {"rations":[{household, need, ration}, …]} as JSON')
    .action((file: string, opts: RationOptions) => {
      result.code = runRation(file, opts, out, err);
    });
}

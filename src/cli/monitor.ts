import type { Command } from 'commander';
import { readInputFile } from './input-file.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../core/problem.js';
import { DEFAULT_OPTIONS, detectChanges, parseSeriesCsv, SeriesFileError } from '../monitor/filter/index.js';

export interface DetectOptions {
  json?: boolean;
  threshold?: string;
}

/**
 * `cordon monitor detect FILE.csv`: runs the change filter over a `timestamp,value` file
 * and prints each change once, at the value where it happened, as `TIMESTAMP TYPE
 * PROBABILITY` lines or `{"changes":[{timestamp,type,probability}…]}`. Returns the exit code.
 */
export function runDetect(file: string, opts: DetectOptions, out: (s: string) => void, err: (s: string) => void): number {
  let threshold = DEFAULT_OPTIONS.threshold;
  if (opts.threshold !== undefined) {
    threshold = Number(opts.threshold);
    if (!/^\s*(0|1|0?\.\d+|1\.0*)\s*$/.test(opts.threshold) || threshold <= 0 || threshold > 1) {
      err(`--threshold: must be a probability in (0, 1], got "${opts.threshold}"`);
      return EXIT_BAD_INPUT;
    }
  }
  const text = readInputFile(file, err);
  if (text === undefined) return EXIT_BAD_INPUT;
  try {
    const series = parseSeriesCsv(text);
    const changes = detectChanges(series.times, series.values, { threshold }).map((c) => ({
      timestamp: series.timestamps[c.index]!,
      type: c.type,
      probability: Math.round(c.probability * 1e4) / 1e4,
    }));
    if (opts.json) out(JSON.stringify({ changes }));
    else if (changes.length > 0) out(changes.map((c) => `${c.timestamp} ${c.type} ${c.probability.toFixed(3)}`).join('\n'));
    return EXIT_OK;
  } catch (e) {
    if (e instanceof SeriesFileError) {
      err(`${file}:${e.line}: ${e.reason}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
}

/** `cordon monitor …`: production reports, the change filter and alerts (issue 7). Offline commands live here. */
export function registerMonitor(program: Command, result: { code: number }, out: (s: string) => void, err: (s: string) => void): void {
  const monitor = program.command('monitor').description('monitoring: the change filter over production series');
  monitor
    .command('detect <file>')
    .description('find the changes in a timestamp,value CSV file offline: each change once, at the value where it happened, with its type (step, slope, outlier) and probability')
    .option('--threshold <p>', `probability of a change needed to flag it (default ${DEFAULT_OPTIONS.threshold})`)
    .option('--json', 'print {"changes":[{"timestamp","type","probability"}…]}')
    .action((file: string, opts: DetectOptions) => {
      result.code = runDetect(file, opts, out, err);
    });
}

/**
 * Reading a NAB corpus: data files `<category>/<file>.csv` (read by the same reader as
 * `cordon monitor detect`: rows in file order as NAB takes them, even where a clock change
 * repeats or reverses an hour), `combined_windows.json` and `combined_labels.json`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSeriesCsv, parseTimestamp } from '../filter/series-csv.js';

export interface NabFile {
  /** `<category>/<file>.csv` */
  name: string;
  times: Float64Array;
  values: Float64Array;
  windows: [number, number][];
  labels: number;
}

/** `combined_windows.json` as times: file name → [[start, end], …]. */
export function parseWindows(json: string): Map<string, [number, number][]> {
  const raw = JSON.parse(json) as Record<string, [string, string][]>;
  return new Map(Object.entries(raw).map(([file, ws]) => [file, ws.map(([a, b]) => [parseTimestamp(a)!, parseTimestamp(b)!] as [number, number])]));
}

/** Every file named in `combined_windows.json` under `dir`, with its windows and label count. */
export function loadCorpus(dir: string): NabFile[] {
  const windows = parseWindows(readFileSync(join(dir, 'combined_windows.json'), 'utf8'));
  const labels = JSON.parse(readFileSync(join(dir, 'combined_labels.json'), 'utf8')) as Record<string, string[]>;
  return [...windows].map(([name, ws]) => {
    const { times, values } = parseSeriesCsv(readFileSync(join(dir, name), 'utf8'));
    return { name, times, values, windows: ws, labels: labels[name]?.length ?? 0 };
  });
}

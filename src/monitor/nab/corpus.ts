/**
 * Reading a NAB corpus: data files `<category>/<file>.csv` (header `timestamp,value`, rows
 * taken in file order as NAB does, even where a clock change repeats or reverses an hour),
 * `combined_windows.json` and `combined_labels.json`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTimestamp } from '../filter/series-csv.js';

export interface NabFile {
  /** `<category>/<file>.csv` */
  name: string;
  times: Float64Array;
  values: Float64Array;
  windows: [number, number][];
  labels: number;
}

/** Rows of a NAB data file in file order; throws on a row that is not `timestamp,number`. */
export function parseNabCsv(text: string): { times: Float64Array; values: Float64Array } {
  const lines = text.split('\n');
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line === '') continue;
    const [stamp, value] = line.split(',');
    const t = parseTimestamp(stamp ?? '');
    const v = Number(value);
    if (t === undefined || value === undefined || value.trim() === '' || !Number.isFinite(v)) throw new Error(`line ${i + 1}: not timestamp,value: "${line}"`);
    times.push(t);
    values.push(v);
  }
  return { times: Float64Array.from(times), values: Float64Array.from(values) };
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
  return [...windows].map(([name, ws]) => ({ name, ...parseNabCsv(readFileSync(join(dir, name), 'utf8')), windows: ws, labels: labels[name]?.length ?? 0 }));
}

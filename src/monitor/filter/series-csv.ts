/**
 * The series file of `cordon monitor detect` (the Numenta Anomaly Benchmark's format):
 *
 *     timestamp,value
 *     2014-07-01 00:00:00,10844
 *     2014-07-01 00:30:00,8127
 *
 * Timestamps are `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]` or the same with `T` and an
 * optional `Z` or `±HH:MM` offset; without an offset they are read as UTC (only their
 * spacing and time of day matter). Rows are taken in file order, as the Numenta Anomaly
 * Benchmark takes them: a timestamp that repeats or goes back (real files do it where a
 * local clock changes, e.g. NAB's `machine_temperature_system_failure.csv` goes back an
 * hour at line 10151) is a value like any other, not a bad row. Values are decimal numbers.
 * A UTF-8 BOM, CRLF line ends and blank lines are accepted. Each timestamp is kept as the
 * exact text of its field, so what is printed back matches the file byte for byte.
 */

export const SERIES_HEADER = 'timestamp,value';

export interface Series {
  /** The timestamp fields exactly as written. */
  timestamps: string[];
  /** Milliseconds since 1970-01-01 UTC, in file order (usually, not necessarily, increasing). */
  times: Float64Array;
  values: Float64Array;
  /** The file line of each row (1 is the header). */
  lines: number[];
}

export class SeriesFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Milliseconds since the epoch (UTC unless an offset is written), or undefined when it is not a real date and time. */
export function parseTimestamp(text: string): number | undefined {
  const m = STAMP.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const dim = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! > dim) return undefined;
  const frac = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  let ms = Date.UTC(y!, mo! - 1, d!, h, mi, s) + frac;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return undefined;
    ms -= sign * (oh * 60 + om) * 60_000;
  }
  return ms;
}

/** Parses the whole file; throws SeriesFileError naming the first bad line. */
export function parseSeriesCsv(text: string): Series {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const header = text.slice(start, end).replace(/\r$/, '');
  if (header.replace(/\s+/g, '') !== SERIES_HEADER) throw new SeriesFileError(1, `the header must be ${SERIES_HEADER}, got "${header}"`);

  const timestamps: string[] = [];
  const lines: number[] = [];
  const times: number[] = [];
  const values: number[] = [];
  let no = 1;
  for (let s = end + 1; s < text.length; s = end + 1) {
    no++;
    end = text.indexOf('\n', s);
    if (end < 0) end = text.length;
    const line = text.slice(s, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (line.trim() === '') continue;
    const fields = line.split(',');
    if (fields.length !== 2) throw new SeriesFileError(no, `expected 2 columns (${SERIES_HEADER}), got ${fields.length}`);
    const stamp = fields[0]!;
    const t = parseTimestamp(unquote(stamp));
    if (t === undefined) throw new SeriesFileError(no, `timestamp: not a date and time: "${stamp}"`);
    const raw = unquote(fields[1]!).trim();
    if (!NUMBER.test(raw) || !Number.isFinite(Number(raw))) throw new SeriesFileError(no, `value: not a number: "${fields[1]!}"`);
    timestamps.push(stamp);
    lines.push(no);
    times.push(t);
    values.push(Number(raw));
  }
  return { timestamps, times: Float64Array.from(times), values: Float64Array.from(values), lines };
}

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : f;
}

/**
 * A small RFC 4180 reader for the IO tables: comma-separated, optional "…" quoting with
 * "" for a quote, CRLF or LF, a UTF-8 byte-order mark ignored. Each record keeps the
 * line it starts on, so every error can say FILE:LINE.
 */

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

/** An error in a table file: `line` (1-based; 0 when it concerns the whole file) and a
 *  reason that names the sector, column or value. The CLI prints `FILE:LINE: reason`. */
export class IoFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    /** The file, when a command reads several (a converter's inputs). */
    readonly file?: string,
  ) {
    super(file ? `${file}:${line > 0 ? `${line}:` : ''} ${reason}` : line > 0 ? `line ${line}: ${reason}` : reason);
  }
}

/** Splits `text` into records of trimmed fields; blank lines are skipped. */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let inQuotes = false;
    for (; i < n; i++) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else inQuotes = false;
        } else {
          if (c === '\n') line++;
          field += c;
        }
      } else if (c === '"' && field.trim() === '') {
        inQuotes = true;
        quoted = true;
        field = '';
      } else if (c === ',') {
        fields.push(quoted ? field : field.trim());
        field = '';
        quoted = false;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else field += c;
    }
    if (inQuotes) throw new IoFileError(start, 'a quoted field is never closed');
    fields.push(quoted ? field : field.trim());
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number; `undefined` when the text is not one. Empty is not a number here
 *  (callers decide what an empty cell means). Thousands separators are refused. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** A field for writing: quoted when it holds a comma, a quote or a line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A number for writing: the shortest text that reads back as the same double. */
export function csvNumber(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

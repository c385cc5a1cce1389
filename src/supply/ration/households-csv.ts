/**
 * The household file of `cordon ration`:
 *
 *     household,adults,children,infants,special
 *     h-001,2,1,0,0
 *     "Pérez, Ana",1,0,1,1
 *
 * `household` is an identifier, unique in the file (RFC 4180 quotes allowed, "" for a
 * quote inside); the counts are whole numbers ≥ 0; `special` is 0 or 1. A UTF-8 BOM,
 * CRLF line ends, blank lines and spaces around fields are accepted. Errors name the
 * line and the field.
 */

export const HOUSEHOLD_HEADER = ['household', 'adults', 'children', 'infants', 'special'] as const;

/** The most people of one kind a household may list: keeps every need an exact integer. */
export const MAX_PEOPLE = 100_000;

export interface HouseholdTable {
  households: string[];
  adults: Int32Array;
  children: Int32Array;
  infants: Int32Array;
  special: Uint8Array;
}

export class HouseholdFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const WHOLE = /^[0-9]+$/;

/** Splits one line into trimmed fields, unquoting "…" fields; throws naming the field that cannot be read. */
function splitFields(line: string, no: number): string[] {
  if (!line.includes('"')) return line.split(',').map((f) => f.trim());
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    const name = HOUSEHOLD_HEADER[fields.length] ?? `field ${fields.length + 1}`;
    let field: string;
    if (line[i] === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) throw new HouseholdFileError(no, `${name}: the quote is not closed`);
        text += line.slice(j, q);
        if (line[q + 1] === '"') {
          text += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', j);
      const after = line.slice(j, comma < 0 ? line.length : comma);
      if (after.trim() !== '') throw new HouseholdFileError(no, `${name}: text after the closing quote`);
      field = text;
      i = comma < 0 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      field = line.slice(i, comma < 0 ? line.length : comma).trim();
      i = comma < 0 ? line.length + 1 : comma + 1;
    }
    fields.push(field);
    if (i > line.length) return fields;
  }
}

function count(field: string, name: string, no: number): number {
  if (!WHOLE.test(field)) throw new HouseholdFileError(no, `${name}: must be a whole number ≥ 0, got "${field}"`);
  const v = Number(field);
  if (v > MAX_PEOPLE) throw new HouseholdFileError(no, `${name}: at most ${MAX_PEOPLE}, got "${field}"`);
  return v;
}

/**
 * Parses the household file; throws HouseholdFileError naming the line and field.
 * A plain line (no quotes, ASCII spaces) is read straight from the text; anything else
 * goes through the general field splitter, which is also the one that explains errors.
 * Identifiers are checked for repeats in an open-addressing table of row numbers, so a
 * file of millions of households parses in about a second.
 */
export function parseHouseholdsCsv(text: string): HouseholdTable {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const header = splitHeader(text.slice(start, end));
  if (header.length !== HOUSEHOLD_HEADER.length || header.some((h, k) => h !== HOUSEHOLD_HEADER[k]))
    throw new HouseholdFileError(1, `header must be ${HOUSEHOLD_HEADER.join(',')}`);

  let rows = 0;
  for (let p = text.indexOf('\n', end + 1); p >= 0; p = text.indexOf('\n', p + 1)) rows++;
  rows++;
  const households: string[] = [];
  const adults = new Int32Array(rows);
  const children = new Int32Array(rows);
  const infants = new Int32Array(rows);
  const special = new Uint8Array(rows);
  const lineOf = new Int32Array(rows);
  const seen = new IdTable(rows);
  const fields = new Int32Array(4);
  let n = 0;
  let no = 1;
  for (let s = end + 1; s < text.length; s = end + 1) {
    no++;
    end = text.indexOf('\n', s);
    if (end < 0) end = text.length;
    const e = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const comma = text.indexOf(',', s);
    let id = comma >= 0 && comma < e && readCounts(text, comma + 1, e, fields) ? text.slice(s, comma).trim() : '';
    if (id !== '' && !id.includes('"')) {
      adults[n] = fields[0]!;
      children[n] = fields[1]!;
      infants[n] = fields[2]!;
      special[n] = fields[3]!;
    } else {
      const line = text.slice(s, e);
      if (line.trim() === '') continue;
      const f = splitFields(line, no);
      if (f.length !== HOUSEHOLD_HEADER.length)
        throw new HouseholdFileError(no, `expected ${HOUSEHOLD_HEADER.length} fields (${HOUSEHOLD_HEADER.join(',')}), got ${f.length}`);
      id = f[0]!;
      if (id === '') throw new HouseholdFileError(no, 'household: must not be empty');
      adults[n] = count(f[1]!, 'adults', no);
      children[n] = count(f[2]!, 'children', no);
      infants[n] = count(f[3]!, 'infants', no);
      if (f[4] !== '0' && f[4] !== '1') throw new HouseholdFileError(no, `special: must be 0 or 1, got "${f[4]}"`);
      special[n] = f[4] === '1' ? 1 : 0;
    }
    const first = seen.add(id, n, households);
    if (first >= 0) throw new HouseholdFileError(no, `household: "${id}" is a duplicate (first on line ${lineOf[first]})`);
    households.push(id);
    lineOf[n++] = no;
  }
  return { households, adults: adults.slice(0, n), children: children.slice(0, n), infants: infants.slice(0, n), special: special.slice(0, n) };
}

/**
 * Reads "a,c,i,s" (spaces or tabs around each) from text[from, to) into `into`: true if
 * the line is plain — four whole numbers ≤ MAX_PEOPLE, the last 0 or 1, nothing else.
 */
function readCounts(text: string, from: number, to: number, into: Int32Array): boolean {
  let p = from;
  for (let k = 0; k < 4; k++) {
    let c = text.charCodeAt(p);
    while (c === 32 || c === 9) c = text.charCodeAt(++p);
    let v = 0;
    const digits = p;
    while (c >= 48 && c <= 57 && p < to) {
      v = v * 10 + (c - 48);
      c = text.charCodeAt(++p);
    }
    if (p === digits || v > MAX_PEOPLE || (k === 3 && v > 1)) return false;
    while ((c === 32 || c === 9) && p < to) c = text.charCodeAt(++p);
    into[k] = v;
    if (k < 3) {
      if (c !== 44 || p >= to) return false;
      p++;
    }
  }
  return p === to;
}

/** Row numbers by identifier, in typed arrays (a Map of millions of strings is slow). */
class IdTable {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(rows: number) {
    let size = 16;
    while (size < 2 * rows) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** Records `id` as row `row`; returns the earlier row with the same id, or −1. */
  add(id: string, row: number, ids: readonly string[]): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const r = this.slots[slot]!;
      if (r < 0) {
        this.slots[slot] = row;
        return -1;
      }
      if (ids[r] === id) return r;
    }
  }
}

function splitHeader(line: string): string[] {
  try {
    return splitFields(line.endsWith('\r') ? line.slice(0, -1) : line, 1);
  } catch {
    return [];
  }
}

/** A household identifier as a CSV field: quoted when it holds a comma, quote, line end or edge space. */
export function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

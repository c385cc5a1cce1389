import { CountError, type BallotGroup, type Election } from './ballots.js';

/**
 * Parses a BLT ballot file (the format of OpenSTV, droop and the Scottish councils'
 * preference-profile exports):
 *
 *   <candidates> <seats>
 *   [-a -b …]                       withdrawn candidates (optional)
 *   <weight> <pref1> <pref2> … 0    one line per ballot (or per group of identical ones)
 *   0                               end of ballots
 *   <name 1> … <name n>             one per line: "Quoted" (CSV-style "" inside) or unquoted
 *   <title>                         optional
 *
 * Copes with CRLF, lines padded with spaces, blank lines, `(id)` ballot labels and `-`
 * for a skipped preference. Identical rankings are merged into one group. Errors name
 * the line and the reason. The ballot section is scanned character by character, with
 * rankings grouped by hash, so a million-line file parses in a fraction of a second.
 */
export function parseBlt(text: string): Election {
  const lines = new LineReader(text);
  const header = lines.next();
  if (!header) throw new CountError(1, 'empty file: expected "<candidates> <seats>"');
  const hm = /^(\d+)\s+(\d+)$/.exec(lines.text(header));
  if (!hm) throw new CountError(header.no, `expected "<candidates> <seats>", found "${clip(lines.text(header))}"`);
  const n = Number(hm[1]);
  const seats = Number(hm[2]);
  if (n < 1) throw new CountError(header.no, 'there must be at least one candidate');
  if (seats < 1) throw new CountError(header.no, 'there must be at least one seat');
  if (seats > n) throw new CountError(header.no, `${seats} seats but only ${n} candidates`);

  const withdrawn: number[] = [];
  let line = lines.next();
  if (line && text.charCodeAt(line.start) === 45 /* - */) {
    for (const tok of lines.text(line).split(/\s+/)) {
      const w = Number(tok);
      if (!Number.isInteger(w) || w >= 0 || -w > n) throw new CountError(line.no, `withdrawn candidates are written -1 … -${n}, found "${tok}"`);
      withdrawn.push(-w - 1);
    }
    line = lines.next();
  }

  const ballots = new BallotSection(text, n);
  let ended = false;
  for (; line; line = lines.next()) {
    if (ballots.add(line)) {
      ended = true;
      break;
    }
  }
  if (!ended) throw new CountError(lines.lineCount, 'the ballots must end with a line "0"');

  const candidates: string[] = [];
  for (let c = 0; c < n; c++) {
    const l = lines.next();
    if (!l) throw new CountError(lines.lineCount, `expected ${n} candidate names, found ${c}`);
    candidates.push(unquote(lines.text(l), l.no));
  }
  const titleLine = lines.next();
  const title = titleLine ? unquote(lines.text(titleLine), titleLine.no) : '';
  const extra = lines.next();
  if (extra) throw new CountError(extra.no, `unexpected text after the title: "${clip(lines.text(extra))}"`);
  return { candidates, seats, withdrawn, groups: ballots.groups, ballots: ballots.total, title };
}

interface Line {
  no: number;
  start: number;
  end: number;
}

const isBlank = (ch: number) => ch === 32 || ch === 9 || ch === 13;

/** Non-blank lines with their numbers and trimmed bounds, without copying the text. */
class LineReader {
  private pos = 0;
  private no = 0;
  constructor(private readonly src: string) {}

  get lineCount(): number {
    return this.no + 1; // the line after the last one read
  }

  next(): Line | undefined {
    const s = this.src;
    while (this.pos < s.length) {
      const nl = s.indexOf('\n', this.pos);
      const stop = nl < 0 ? s.length : nl;
      let start = this.pos;
      let end = stop;
      this.pos = stop + 1;
      this.no++;
      while (start < end && isBlank(s.charCodeAt(start))) start++;
      while (end > start && isBlank(s.charCodeAt(end - 1))) end--;
      if (start < end) return { no: this.no, start, end };
    }
    return undefined;
  }

  text(l: Line): string {
    return this.src.slice(l.start, l.end);
  }
}

/** Ballot lines, parsed in place and grouped by ranking. */
class BallotSection {
  readonly groups: BallotGroup[] = [];
  total = 0;
  private slots = new Int32Array(1 << 12);
  private readonly hashes: number[] = [];
  private readonly ranking: Int32Array;
  private readonly seenAt: Int32Array;
  private stamp = 0;
  private pool = new Int32Array(0);
  private poolUsed = 0;

  constructor(
    private readonly s: string,
    private readonly n: number,
  ) {
    this.ranking = new Int32Array(n);
    this.seenAt = new Int32Array(n + 1);
  }

  /** Reads one line; returns true at the closing "0". */
  add(l: Line): boolean {
    const s = this.s;
    let p = l.start;
    const end = l.end;
    if (s.charCodeAt(p) === 40 /* ( */) {
      const close = s.indexOf(')', p);
      if (close < 0 || close >= end) throw new CountError(l.no, 'ballot label "(" is not closed');
      p = close + 1;
      while (p < end && isBlank(s.charCodeAt(p))) p++;
    }
    // weight
    let weight = 0;
    const wStart = p;
    while (p < end) {
      const ch = s.charCodeAt(p);
      if (ch < 48 || ch > 57) break;
      weight = weight * 10 + (ch - 48);
      p++;
    }
    if (p === wStart || (p < end && !isBlank(s.charCodeAt(p)))) throw new CountError(l.no, `a ballot line starts with its weight, a whole number ≥ 1; found "${clip(token(s, wStart, end))}"`);
    if (weight === 0) {
      if (p === end) return true; // end of ballots
      throw new CountError(l.no, 'a ballot line starts with its weight, a whole number ≥ 1; found "0"');
    }
    // preferences, up to the closing 0
    const stamp = ++this.stamp;
    let len = 0;
    let hash = 0x811c9dc5;
    let closed = false;
    for (;;) {
      while (p < end && isBlank(s.charCodeAt(p))) p++;
      if (p >= end) break;
      if (closed) throw new CountError(l.no, `text after the closing 0: "${clip(token(s, p, end))}"`);
      const tStart = p;
      let v = 0;
      while (p < end) {
        const ch = s.charCodeAt(p);
        if (ch < 48 || ch > 57) break;
        v = v * 10 + (ch - 48);
        p++;
      }
      if (p < end && !isBlank(s.charCodeAt(p))) {
        const tok = token(s, tStart, end);
        if (tok === '-') {
          p = tStart + 1;
          continue; // a skipped preference
        }
        if (tok.includes('=')) throw new CountError(l.no, `equal rankings ("${clip(tok)}") are not supported`);
        throw new CountError(l.no, `preference "${clip(tok)}" is not a candidate number 1–${this.n}`);
      }
      if (v === 0) {
        closed = true;
        continue;
      }
      if (v > this.n) throw new CountError(l.no, `preference "${v}" is not a candidate number 1–${this.n}`);
      if (this.seenAt[v] === stamp) throw new CountError(l.no, `candidate ${v} is ranked twice`);
      this.seenAt[v] = stamp;
      this.ranking[len++] = v - 1;
      hash = Math.imul(hash ^ v, 0x01000193);
    }
    if (!closed) throw new CountError(l.no, 'a ballot line must end with 0');
    if (len === 0) return false; // no preference at all: a void paper, not a valid vote
    this.total += weight;
    this.group(hash & 0x3fffffff, len, weight); // 30 bits: stays a small integer in V8
    return false;
  }

  private group(hash: number, len: number, weight: number): void {
    // open addressing over group indexes (+1; 0 = empty), linear probing
    let mask = this.slots.length - 1;
    let i = hash & mask;
    for (let g = this.slots[i]!; g !== 0; i = (i + 1) & mask, g = this.slots[i]!) {
      if (this.hashes[g - 1] !== hash) continue;
      const r = this.groups[g - 1]!.ranking;
      if (r.length !== len) continue;
      let same = true;
      for (let k = 0; k < len; k++)
        if (r[k] !== this.ranking[k]) {
          same = false;
          break;
        }
      if (same) {
        this.groups[g - 1]!.count += weight;
        return;
      }
    }
    // rankings live in shared chunks: one typed-array view per group, not one buffer each
    if (this.poolUsed + len > this.pool.length) {
      this.pool = new Int32Array(Math.max(1 << 20, len));
      this.poolUsed = 0;
    }
    this.pool.set(this.ranking.subarray(0, len), this.poolUsed);
    this.groups.push({ ranking: this.pool.subarray(this.poolUsed, this.poolUsed + len), count: weight });
    this.poolUsed += len;
    this.hashes.push(hash);
    this.slots[i] = this.groups.length;
    if (this.groups.length * 2 > this.slots.length) {
      // grow and re-insert
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      mask = this.slots.length - 1;
      for (const g of old) {
        if (g === 0) continue;
        let j = this.hashes[g - 1]! & mask;
        while (this.slots[j] !== 0) j = (j + 1) & mask;
        this.slots[j] = g;
      }
    }
  }
}

function token(s: string, from: number, end: number): string {
  let p = from;
  while (p < end && !isBlank(s.charCodeAt(p))) p++;
  return s.slice(from, p);
}

function unquote(t: string, no: number): string {
  if (!t.startsWith('"')) return t;
  if (t.length < 2 || !t.endsWith('"')) throw new CountError(no, `the quoted name ${clip(t)} is not closed`);
  return t.slice(1, -1).replaceAll('""', '"');
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Writes an election as BLT (quoted names, LF), one line per group. */
export function writeBlt(e: Election): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const out = [`${e.candidates.length} ${e.seats}`];
  if (e.withdrawn.length) out.push(e.withdrawn.map((w) => `-${w + 1}`).join(' '));
  for (const g of e.groups) out.push(`${g.count} ${[...g.ranking].map((c) => c + 1).join(' ')}${g.ranking.length ? ' ' : ''}0`);
  out.push('0', ...e.candidates.map(q), q(e.title));
  return `${out.join('\n')}\n`;
}

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
 * Copes with CRLF, lines padded with spaces, blank lines, and `(id)` ballot labels.
 * Identical rankings are merged into one group. Errors name the line and the reason.
 */
export function parseBlt(text: string): Election {
  const lines = text.split(/\r?\n/);
  let i = 0;
  const next = (): { no: number; text: string } | undefined => {
    while (i < lines.length) {
      const t = lines[i++]!.trim();
      if (t !== '') return { no: i, text: t };
    }
    return undefined;
  };

  const header = next();
  if (!header) throw new CountError(1, 'empty file: expected "<candidates> <seats>"');
  const hm = /^(\d+)\s+(\d+)$/.exec(header.text);
  if (!hm) throw new CountError(header.no, `expected "<candidates> <seats>", found "${clip(header.text)}"`);
  const n = Number(hm[1]);
  const seats = Number(hm[2]);
  if (n < 1) throw new CountError(header.no, 'there must be at least one candidate');
  if (seats < 1) throw new CountError(header.no, 'there must be at least one seat');
  if (seats > n) throw new CountError(header.no, `${seats} seats but only ${n} candidates`);

  const withdrawn: number[] = [];
  const groups = new Map<string, BallotGroup>();
  let ballots = 0;
  let ended = false;
  let line = next();
  if (line && /^-\d/.test(line.text)) {
    for (const tok of line.text.split(/\s+/)) {
      const w = Number(tok);
      if (!Number.isInteger(w) || w >= 0 || -w > n) throw new CountError(line.no, `withdrawn candidates are written -1 … -${n}, found "${tok}"`);
      withdrawn.push(-w - 1);
    }
    line = next();
  }
  for (; line; line = next()) {
    let t = line.text;
    if (t === '0') {
      ended = true;
      break;
    }
    if (t.startsWith('(')) {
      const close = t.indexOf(')');
      if (close < 0) throw new CountError(line.no, 'ballot label "(" is not closed');
      t = t.slice(close + 1).trim();
    }
    const toks = t.split(/\s+/);
    const weight = Number(toks[0]);
    if (!/^\d+$/.test(toks[0]!) || weight < 1)
      throw new CountError(line.no, `a ballot line starts with its weight, a whole number ≥ 1; found "${clip(toks[0]!)}"`);
    if (toks.at(-1) !== '0') throw new CountError(line.no, 'a ballot line must end with 0');
    const ranking: number[] = [];
    const seen = new Set<number>();
    for (let k = 1; k < toks.length - 1; k++) {
      const tok = toks[k]!;
      if (tok.includes('=')) throw new CountError(line.no, `equal rankings ("${tok}") are not supported`);
      if (tok === '-') continue; // a skipped preference
      const c = Number(tok);
      if (!/^\d+$/.test(tok) || c < 1 || c > n) throw new CountError(line.no, `preference "${clip(tok)}" is not a candidate number 1–${n}`);
      if (seen.has(c)) throw new CountError(line.no, `candidate ${c} is ranked twice`);
      seen.add(c);
      ranking.push(c - 1);
    }
    if (ranking.length === 0) continue; // no preference at all: a void paper, not a valid vote
    const key = ranking.join(' ');
    const g = groups.get(key);
    if (g) g.count += weight;
    else groups.set(key, { ranking: Int32Array.from(ranking), count: weight });
    ballots += weight;
  }
  if (!ended) throw new CountError(lines.length, 'the ballots must end with a line "0"');

  const candidates: string[] = [];
  for (let c = 0; c < n; c++) {
    const l = next();
    if (!l) throw new CountError(lines.length, `expected ${n} candidate names, found ${c}`);
    candidates.push(unquote(l.text, l.no));
  }
  const titleLine = next();
  const title = titleLine ? unquote(titleLine.text, titleLine.no) : '';
  const extra = next();
  if (extra) throw new CountError(extra.no, `unexpected text after the title: "${clip(extra.text)}"`);
  return { candidates, seats, withdrawn, groups: [...groups.values()], ballots, title };
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

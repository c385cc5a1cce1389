/**
 * The household register file (docs/formats.md, "Households"): one line per person,
 *
 *     household,zone,address,name,birth_date,needs
 *     H-001,Villa Francia,"Pasaje 3, casa 12",Ana Pérez,1985-04-02,
 *     H-001,Villa Francia,"Pasaje 3, casa 12",Luis Pérez,2026-10-01,infant;chronic_illness
 *
 * Lines of one household must agree on its zone and address. Every bad line is reported
 * with its number, the field and the reason, and the good lines are still read, so a
 * caller can refuse the file (the default) or skip the bad households. Pure.
 */
export const REGISTER_HEADER = ['household', 'zone', 'address', 'name', 'birth_date', 'needs'] as const;

export interface RegisterMember {
  name: string;
  birthDate: string;
  needs: string[];
  line: number;
}

export interface RegisterHousehold {
  ref: string;
  zone: string;
  address: string;
  members: RegisterMember[];
  line: number;
}

export interface LineError {
  line: number;
  field: string;
  reason: string;
}

export interface RegisterFile {
  households: RegisterHousehold[];
  /** Bad lines; a household with any bad line is left out of `households`. */
  errors: LineError[];
  lines: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date from 1900 up to `today`. */
function dateProblem(s: string, today: string): string | null {
  const m = DATE.exec(s);
  if (!m) return 'must be a date YYYY-MM-DD';
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) return 'is not a real date';
  if (s < '1900-01-01') return 'is before 1900';
  if (s > today) return 'is in the future';
  return null;
}

/** RFC 4180 fields of one line ("" inside quotes is a quote); null when a quote is left open. */
export function splitCsvLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',').map((f) => f.trim());
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return null;
        text += line.slice(j, q);
        if (line[q + 1] === '"') {
          text += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      out.push(text.trim());
      const comma = line.indexOf(',', j);
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      out.push((comma < 0 ? line.slice(i) : line.slice(i, comma)).trim());
      if (comma < 0) return out;
      i = comma + 1;
    }
  }
}

export function parseRegister(text: string, options: { today: string; needs: readonly string[] }): RegisterFile {
  const errors: LineError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = splitCsvLine(lines[0] ?? '');
  if (!header || header.join(',').toLowerCase() !== REGISTER_HEADER.join(',')) {
    return { households: [], errors: [{ line: 1, field: 'header', reason: `must be ${REGISTER_HEADER.join(',')}` }], lines: lines.length };
  }
  const known = new Set(options.needs);
  const byRef = new Map<string, RegisterHousehold>();
  const bad = new Set<string>();
  for (let n = 1; n < lines.length; n++) {
    const no = n + 1;
    const raw = lines[n]!;
    if (!raw.trim()) continue;
    const f = splitCsvLine(raw);
    const err = (field: string, reason: string) => errors.push({ line: no, field, reason });
    if (!f) {
      err('line', 'a quote is not closed');
      continue;
    }
    if (f.length !== REGISTER_HEADER.length) {
      err('line', `has ${f.length} fields; expected ${REGISTER_HEADER.length}`);
      continue;
    }
    const [ref, zone, address, name, birth, needsField] = f as [string, string, string, string, string, string];
    const before = errors.length;
    if (!ref) err('household', 'must not be empty');
    else if (ref.length > 60) err('household', 'must be at most 60 characters');
    if (zone.length > 100) err('zone', 'must be at most 100 characters');
    if (address.length > 300) err('address', 'must be at most 300 characters');
    if (!name) err('name', 'must not be empty');
    else if (name.length > 200) err('name', 'must be at most 200 characters');
    const dateWrong = dateProblem(birth, options.today);
    if (dateWrong) err('birth_date', `${dateWrong}, got "${birth}"`);
    const needs = needsField ? needsField.split(';').map((x) => x.trim()).filter(Boolean) : [];
    for (const x of needs) if (!known.has(x)) err('needs', `"${x}" is not a special need here (known: ${[...known].join(', ')})`);
    const h = byRef.get(ref);
    if (h && (h.zone !== zone || h.address !== address)) err(h.zone !== zone ? 'zone' : 'address', `differs from line ${h.line} of the same household`);
    if (errors.length > before) {
      if (ref) bad.add(ref);
      continue;
    }
    const member = { name, birthDate: birth, needs: [...new Set(needs)], line: no };
    if (h) h.members.push(member);
    else byRef.set(ref, { ref, zone, address, members: [member], line: no });
  }
  return { households: [...byRef.values()].filter((h) => !bad.has(h.ref)), errors, lines: lines.length };
}

import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';

/**
 * A national federation built set-based inside the database: `people` people in bases
 * of `perBase` members, bases grouped into districts (cordones), districts into
 * regions, regions under one popular assembly; every base, district and region sends
 * one delegate up (the first member of its first base). Identifiers are derived from
 * row numbers, so the same sizes always give the same federation.
 * At the national scale: 10,000,000 people, 40,000 bases, 2,000 cordones, 16 regions.
 */
export interface NationalSize {
  people: number;
  perBase: number;
  districts: number;
  regions: number;
}

export const COUNTRY: NationalSize = { people: 10_000_000, perBase: 250, districts: 2_000, regions: 16 };

/** A UUID from a kind (0–255) and a number, e.g. person 7 → 00000000-0000-4000-8000-000000000007. */
export const numberedId = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const idSql = (kind: number, expr: string) =>
  `('${kind.toString(16).padStart(8, '0')}-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;

export const KIND = { person: 0, body: 1, membership: 2, seat: 3, term: 4 } as const;

export interface BuildStep {
  step: string;
  rows: number;
  ms: number;
}

/** Builds the federation; `onStep` is told each step as it finishes (for a progress line). */
export async function buildNational(ctx: Ctx, size: NationalSize, onStep: (s: BuildStep) => void = () => {}): Promise<BuildStep[]> {
  const bases = Math.ceil(size.people / size.perBase);
  const steps: BuildStep[] = [];
  const now = ctx.clock.now();
  const body = (n: string) => idSql(KIND.body, n);
  // body numbers: 1 assembly, 2.. regions, then districts, then bases
  const R0 = 1;
  const D0 = R0 + size.regions;
  const B0 = D0 + size.districts;
  const run = async (step: string, rows: number, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await ctx.db.transaction(async (tx) => {
      await tx.query(sql, params);
      await appendAudit(tx, ctx, { action: 'federation.import', subject: 'federation', payload: { step, rows } });
    });
    const s = { step, rows, ms: performance.now() - t0 };
    steps.push(s);
    onStep(s);
  };
  await run('bodies', 1 + size.regions + size.districts + bases, `
    insert into body (id, kind, name, parent_id, created_at)
    select ${body('1')}, 'national_assembly', 'Asamblea Popular Nacional', null, $1::timestamptz
    union all select ${idSql(KIND.body, `${R0} + r`)}, 'regional', 'Región ' || r, ${body('1')}, $1::timestamptz from generate_series(1, ${size.regions}) r
    union all select ${idSql(KIND.body, `${D0} + d`)}, 'cordon', 'Cordón ' || d, ${idSql(KIND.body, `${R0} + 1 + (d - 1) % ${size.regions}`)}, $1::timestamptz
      from generate_series(1, ${size.districts}) d
    union all select ${idSql(KIND.body, `${B0} + b`)}, case when b % 7 = 0 then 'supply_committee' else 'workplace' end, 'Base ' || b,
      ${idSql(KIND.body, `${D0} + 1 + (b - 1) % ${size.districts}`)}, $1::timestamptz from generate_series(1, ${bases}) b`, [now]);
  await run('people', size.people, `
    insert into person (id, username, display_name, created_at)
    select ${idSql(KIND.person, 'n')}, 'p' || n, 'Persona ' || n, $1::timestamptz from generate_series(1, ${size.people}) n`, [now]);
  await run('memberships', size.people, `
    insert into membership (id, body_id, person_id, since)
    select ${idSql(KIND.membership, 'n')}, ${idSql(KIND.body, `${B0} + 1 + (n - 1) / ${size.perBase}`)}, ${idSql(KIND.person, 'n')}, $1::timestamptz
    from generate_series(1, ${size.people}) n`, [now]);
  // seats and their terms: base b (first member delegate) → its district; district d → its
  // region (delegate of base d); region r → the assembly (delegate of base r)
  const seatsSql = (kindSeat: number) => `
    select ${idSql(kindSeat, 'k')} as id, constituency, parent, ${idSql(KIND.person, '(delegate_base - 1) * ' + size.perBase + ' + 1')} as holder, k
    from (
      select b as k, ${idSql(KIND.body, `${B0} + b`)} as constituency, ${idSql(KIND.body, `${D0} + 1 + (b - 1) % ${size.districts}`)} as parent, b as delegate_base
        from generate_series(1, ${bases}) b
      union all select ${bases} + d, ${idSql(KIND.body, `${D0} + d`)}, ${idSql(KIND.body, `${R0} + 1 + (d - 1) % ${size.regions}`)}, d
        from generate_series(1, ${size.districts}) d
      union all select ${bases} + ${size.districts} + r, ${idSql(KIND.body, `${R0} + r`)}, ${body('1')}, r from generate_series(1, ${size.regions}) r
    ) s`;
  const seatCount = bases + size.districts + size.regions;
  await run('seats', seatCount, `
    insert into seat (id, constituency_id, body_id, number, holder_id, term_id)
    select id, constituency, parent, 1, holder, ${idSql(KIND.term, 'k')} from (${seatsSql(KIND.seat)}) x`);
  await run('seat terms', seatCount, `
    insert into seat_term (id, seat_id, person_id, started_at)
    select ${idSql(KIND.term, 'k')}, id, holder, $1::timestamptz from (${seatsSql(KIND.seat)}) x`, [now]);
  const t0 = performance.now();
  await ctx.db.exec('analyze person; analyze membership; analyze body; analyze seat; analyze seat_term');
  const analyzed = { step: 'analyze', rows: 0, ms: performance.now() - t0 };
  steps.push(analyzed);
  onStep(analyzed);
  return steps;
}

/** Body number helpers for callers that need to address the generated federation. */
export function nationalLayout(size: NationalSize) {
  const bases = Math.ceil(size.people / size.perBase);
  const D0 = 1 + size.regions;
  const B0 = D0 + size.districts;
  return {
    bases,
    assembly: numberedId(KIND.body, 1),
    base: (b: number) => numberedId(KIND.body, B0 + b),
    district: (d: number) => numberedId(KIND.body, D0 + d),
    region: (r: number) => numberedId(KIND.body, 1 + r),
    person: (n: number) => numberedId(KIND.person, n),
    baseSeat: (b: number) => numberedId(KIND.seat, b),
    /** The n-th member of base b (1-based). */
    member: (b: number, i: number) => numberedId(KIND.person, (b - 1) * size.perBase + i),
  };
}

import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { problem } from '../core/problem.js';
import type { Queryable, Tx } from '../db/db.js';
import { isAdminActor, requireAdmin } from '../people/index.js';
import { countsOn } from './counts.js';
import { requireCommittee, requireSupplyOfficer } from './households.js';
import { allocateRations, householdClaims, RATION_METHODS, type RationMethod } from './ration/index.js';
import { goodByRef, type Good } from './stock.js';
import { seedFromText } from '../core/seeded.js';

export interface Period {
  id: string;
  name: string;
  starts: string;
  ends: string;
  goods: string[];
  status: 'open' | 'closed';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function periodRow(q: Queryable, id: string, lock = false): Promise<Period | undefined> {
  const [r] = await q.query<{ id: string; name: string; starts: string; ends: string; goods: string[]; status: 'open' | 'closed' }>(
    `select id, name, to_char(starts, 'YYYY-MM-DD') as starts, to_char(ends, 'YYYY-MM-DD') as ends, goods, status from ration_period where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return r;
}

export async function getPeriod(q: Queryable, id: string): Promise<Period> {
  const p = await periodRow(q, id);
  if (!p) throw problem.notFound('periodId', 'no such period');
  return p;
}

/** Opens a ration period for the whole federation (administrators); periods may not overlap. */
export async function createPeriod(ctx: Ctx, input: { name: string; starts: string; ends: string; goods: string[] }): Promise<Period> {
  requireAdmin(ctx.actor);
  for (const k of ['starts', 'ends'] as const)
    if (!DAY.test(input[k]) || Number.isNaN(Date.parse(`${input[k]}T00:00:00Z`))) throw problem.invalid(k, 'must be a date YYYY-MM-DD');
  if (input.ends < input.starts) throw problem.invalid('ends', 'must not be before starts');
  if (!input.name.trim()) throw problem.invalid('name', 'must not be empty');
  if (!input.goods.length) throw problem.invalid('goods', 'name at least one good');
  if (new Set(input.goods).size !== input.goods.length) throw problem.invalid('goods', 'names a good twice');
  return ctx.db.transaction(async (tx) => {
    const goods: Good[] = [];
    for (const [i, g] of input.goods.entries()) goods.push(await goodByRef(tx, g, `goods/${i}`));
    const [clash] = await tx.query<{ name: string; starts: string; ends: string }>(
      `select name, to_char(starts, 'YYYY-MM-DD') as starts, to_char(ends, 'YYYY-MM-DD') as ends from ration_period
       where daterange(starts, ends, '[]') && daterange($1::date, $2::date, '[]') limit 1`,
      [input.starts, input.ends],
    );
    if (clash) throw problem.conflict('starts', `overlaps the period "${clash.name}" (${clash.starts} to ${clash.ends})`, 'overlapping_period');
    const id = ctx.ids.uuid();
    await tx.query('insert into ration_period (id, name, starts, ends, goods, created_at) values ($1, $2, $3, $4, $5::uuid[], $6)', [
      id,
      input.name.trim(),
      input.starts,
      input.ends,
      goods.map((g) => g.id),
      ctx.clock.now(),
    ]);
    await appendAudit(tx, ctx, { action: 'supply.period.open', subject: `period:${id}`, payload: { name: input.name.trim(), starts: input.starts, ends: input.ends, goods: goods.map((g) => g.code) } });
    return (await periodRow(tx, id))!;
  });
}

export async function policyOf(q: Queryable, committeeId: string): Promise<{ method: RationMethod; graceDays: number }> {
  const [p] = await q.query<{ method: RationMethod; grace_days: number }>('select method, grace_days from supply_policy where committee_id = $1', [committeeId]);
  return { method: p?.method ?? 'maxmin', graceDays: p?.grace_days ?? 0 };
}

/** A committee's officers set how it shares under shortage and its grace days after a period. */
export async function setPolicy(ctx: Ctx, committeeId: string, input: { method?: string; graceDays?: number }) {
  if (input.method !== undefined && !(RATION_METHODS as readonly string[]).includes(input.method)) throw problem.invalid('method', `must be one of ${RATION_METHODS.join(', ')}`);
  if (input.graceDays !== undefined && (!Number.isInteger(input.graceDays) || input.graceDays < 0 || input.graceDays > 60)) throw problem.invalid('graceDays', 'must be a whole number of days, 0–60');
  return ctx.db.transaction(async (tx) => {
    await requireCommittee(tx, committeeId);
    await requireSupplyOfficer(tx, ctx, committeeId);
    const now = await policyOf(tx, committeeId);
    const next = { method: (input.method as RationMethod | undefined) ?? now.method, graceDays: input.graceDays ?? now.graceDays };
    await tx.query(
      `insert into supply_policy (committee_id, method, grace_days) values ($1, $2, $3)
       on conflict (committee_id) do update set method = excluded.method, grace_days = excluded.grace_days`,
      [committeeId, next.method, next.graceDays],
    );
    await appendAudit(tx, ctx, { action: 'supply.policy.set', subject: `body:${committeeId}`, payload: next });
    return next;
  });
}

export interface ComputeReport {
  periodId: string;
  committees: number;
  households: number;
  goods: { good: string; stock: number; need: number; allocated: number; unmet: number }[];
}

/**
 * Computes the period's rations for one committee (its officers) or for every supply
 * committee (administrators): each household's need of each good from the good's rule
 * and the household's members on the first day of the period, then the committee's
 * stock shared by its policy (see ration/). Refused once a household has collected
 * anything in the period (the rations are then what people were told).
 */
export async function computeRations(ctx: Ctx, input: { periodId: string; committeeId?: string; seed?: number }, progress?: (done: number, total: number) => void): Promise<ComputeReport> {
  if (input.committeeId === undefined) requireAdmin(ctx.actor);
  else if (!isAdminActor(ctx.actor)) await requireSupplyOfficer(ctx.db, ctx, input.committeeId);
  const period = await getPeriod(ctx.db, input.periodId);
  if (period.status !== 'open') throw problem.conflict('periodId', 'the period is closed', 'period_closed');
  const goods: Good[] = [];
  for (const id of period.goods) goods.push(await goodByRef(ctx.db, id, 'goods'));
  const committees = input.committeeId
    ? [(await requireCommittee(ctx.db, input.committeeId)).id]
    : (await ctx.db.query<{ id: string }>(`select id from body where kind = 'supply_committee' order by id`)).map((r) => r.id);
  const totals = goods.map((g) => ({ good: g.code, stock: 0, need: 0, allocated: 0, unmet: 0 }));
  let households = 0;
  // collected rations are what people were told: checked for every committee before any
  // is written (so a refusal changes nothing), and again as each group is written
  const started = async (q: Queryable, group: readonly string[]) =>
    (await q.query(`select 1 from pickup where period_id = $1 and committee_id = any($2::uuid[]) limit 1`, [period.id, group])).length > 0;
  const refuse = () => problem.conflict('periodId', 'households have already collected rations of this period; they stand as computed', 'pickups_started');
  if (await started(ctx.db, committees)) throw refuse();
  // A few dozen committees at a time, as a pipeline: the next group is read while this
  // one is shared out, and the last one written meanwhile (one write in flight), so the
  // database and the sharing keep both processor cores busy.
  const GROUP = 50;
  const groups: string[][] = [];
  for (let c0 = 0; c0 < committees.length; c0 += GROUP) groups.push(committees.slice(c0, c0 + GROUP));
  // (each promise is marked as handled at once: it may fail while we wait on the other,
  // and is awaited — and its error thrown — in its turn)
  const handled = <T>(p: Promise<T>) => (p.catch(() => {}), p);
  let reading = groups.length ? handled(readGroup(ctx.db, period, goods, groups[0]!)) : undefined;
  let writing: Promise<void> = Promise.resolve();
  let done = 0;
  try {
    for (let k = 0; k < groups.length; k++) {
      const read = await reading!;
      reading = k + 1 < groups.length ? handled(readGroup(ctx.db, period, goods, groups[k + 1]!)) : undefined;
      const shared = shareGroup(goods, groups[k]!, read, seedOf(input.seed), totals);
      households += shared.households;
      await writing;
      const group = groups[k]!;
      writing = handled(
        ctx.db
          .transaction(async (tx) => {
            if (await started(tx, group)) throw refuse(); // a pickup since the check above
            await writeGroup(tx, ctx, period, goods, group, shared);
          })
          .then(() => progress?.((done += group.length), committees.length)),
      );
    }
    await writing;
  } finally {
    // nothing left running when this returns or throws
    await Promise.allSettled([reading, writing]);
  }
  for (const t of totals) t.unmet = t.need - t.allocated;
  await ctx.db.transaction((tx) =>
    appendAudit(tx, ctx, { action: 'supply.rations.compute', subject: `period:${period.id}`, payload: { committees: committees.length, households, goods: totals } }),
  );
  return { periodId: period.id, committees: committees.length, households, goods: totals };

  function seedOf(given: number | undefined) {
    return (committee: string, good: Good) => given ?? seedFromText(`${period.id}:${committee}:${good.id}`);
  }
}

export interface HouseholdColumns {
  /** Household ids in id order. */
  ids: string[];
  columns: { adults: number[]; children: number[]; infants: number[]; special: number[] };
}

const NO_HOUSEHOLDS: HouseholdColumns = { ids: [], columns: { adults: [], children: [], infants: [], special: [] } };

/** The households of each committee with their counts (adults, children, infants, special) on `day`. */
export async function householdColumns(q: Queryable, committees: readonly string[], day: string): Promise<Map<string, HouseholdColumns>> {
  const members = await q.query<{ household_id: string; committee_id: string; birth: string; needs: string[] }>(
    `select h.id as household_id, h.committee_id, to_char(m.birth_date, 'YYYY-MM-DD') as birth, m.needs
     from household h join household_member m on m.household_id = h.id and m.until is null
     where h.committee_id = any($1::uuid[]) order by h.committee_id, h.id`,
    [committees],
  );
  const out = new Map<string, HouseholdColumns>();
  let facts: { birthDate: string; needs: string[] }[] = [];
  let current: HouseholdColumns | undefined;
  const flush = () => {
    if (!current || !facts.length) return;
    const c = countsOn(facts, day);
    current.columns.adults.push(c.adults);
    current.columns.children.push(c.children);
    current.columns.infants.push(c.infants);
    current.columns.special.push(c.special ? 1 : 0);
    facts = [];
  };
  for (const m of members) {
    let c = out.get(m.committee_id);
    if (c !== current) flush();
    if (!c) out.set(m.committee_id, (c = { ids: [], columns: { adults: [], children: [], infants: [], special: [] } }));
    if (c.ids.at(-1) !== m.household_id) {
      flush();
      c.ids.push(m.household_id);
    }
    current = c;
    facts.push({ birthDate: m.birth, needs: m.needs });
  }
  flush();
  return out;
}

interface GroupInput {
  households: Map<string, HouseholdColumns>;
  stock: Map<string, number>;
  policies: Map<string, RationMethod>;
}

/** What a group of committees has: its households, its stock of the period's goods, its policies. */
async function readGroup(q: Queryable, period: Period, goods: readonly Good[], committees: readonly string[]): Promise<GroupInput> {
  const [households, balances, policies] = await Promise.all([
    householdColumns(q, committees, period.starts),
    q.query<{ committee_id: string; good_id: string; quantity: number }>(
      'select committee_id, good_id, quantity from stock_balance where committee_id = any($1::uuid[]) and good_id = any($2::uuid[])',
      [committees, goods.map((g) => g.id)],
    ),
    q.query<{ committee_id: string; method: RationMethod }>('select committee_id, method from supply_policy where committee_id = any($1::uuid[])', [committees]),
  ]);
  return {
    households,
    stock: new Map(balances.map((b) => [`${b.committee_id}:${b.good_id}`, b.quantity])),
    policies: new Map(policies.map((p) => [p.committee_id, p.method])),
  };
}

interface SharedGroup {
  households: number;
  rows: { household: string[]; committee: string[]; needs: string[]; rations: string[] };
  alloc: { committee: string[]; good: string[]; stock: number[]; need: number[]; allocated: number[]; households: number[]; method: string[]; seed: number[] };
}

/** Each committee of the group shares its stock of each good among its households (pure). */
function shareGroup(goods: readonly Good[], committees: readonly string[], input: GroupInput, seedFor: (committee: string, good: Good) => number, totals: ComputeReport['goods']): SharedGroup {
  const rows: SharedGroup['rows'] = { household: [], committee: [], needs: [], rations: [] };
  const alloc: SharedGroup['alloc'] = { committee: [], good: [], stock: [], need: [], allocated: [], households: [], method: [], seed: [] };
  let households = 0;
  for (const committee of committees) {
    const { ids, columns } = input.households.get(committee) ?? NO_HOUSEHOLDS;
    const n = ids.length;
    households += n;
    const method = input.policies.get(committee) ?? 'maxmin';
    const needs: Float64Array[] = [];
    const rations: Float64Array[] = [];
    goods.forEach((g, gi) => {
      const claims = householdClaims(g.needRule, columns);
      const s = input.stock.get(`${committee}:${g.id}`) ?? 0;
      const seedUsed = seedFor(committee, g);
      const r = allocateRations(s, claims, method, seedUsed);
      needs.push(claims.need);
      rations.push(r);
      const need = claims.need.reduce((a, x) => a + x, 0);
      const given = r.reduce((a, x) => a + x, 0);
      totals[gi]!.stock += s;
      totals[gi]!.need += need;
      totals[gi]!.allocated += given;
      alloc.committee.push(committee);
      alloc.good.push(g.id);
      alloc.stock.push(s);
      alloc.need.push(need);
      alloc.allocated.push(given);
      alloc.households.push(n);
      alloc.method.push(method);
      alloc.seed.push(seedUsed);
    });
    for (let i = 0; i < n; i++) {
      rows.household.push(ids[i]!);
      rows.committee.push(committee);
      rows.needs.push(`{${needs.map((x) => x[i]).join(',')}}`);
      rows.rations.push(`{${rations.map((x) => x[i]).join(',')}}`);
    }
  }
  return { households, rows, alloc };
}

/** Replaces the group's entitlements and allocations of the period (in the caller's transaction). */
async function writeGroup(tx: Tx, ctx: Ctx, period: Period, goods: readonly Good[], committees: readonly string[], shared: SharedGroup): Promise<void> {
  const { rows, alloc } = shared;
  await tx.query('delete from entitlement where period_id = $1 and committee_id = any($2::uuid[])', [period.id, committees]);
  await tx.query('delete from allocation where period_id = $1 and committee_id = any($2::uuid[])', [period.id, committees]);
  const CHUNK = 20_000;
  for (let i = 0; i < rows.household.length; i += CHUNK) {
    const slice = (a: string[]) => a.slice(i, i + CHUNK);
    await tx.query(
      `insert into entitlement (period_id, household_id, committee_id, needs, rations, collected)
       select $1, u.h, u.c, u.n::int[], u.r::int[], array_fill(0, array[$6::int]) from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) as u(h, c, n, r)`,
      [period.id, slice(rows.household), slice(rows.committee), slice(rows.needs), slice(rows.rations), goods.length],
    );
  }
  await tx.query(
    `insert into allocation (period_id, committee_id, good_id, stock, need, allocated, households, method, seed, computed_at)
     select $1, u.c, u.g, u.s, u.n, u.a, u.h, u.m, u.seed, $2
     from unnest($3::uuid[], $4::uuid[], $5::int8[], $6::int8[], $7::int8[], $8::int[], $9::text[], $10::int8[]) as u(c, g, s, n, a, h, m, seed)`,
    [period.id, ctx.clock.now(), alloc.committee, alloc.good, alloc.stock, alloc.need, alloc.allocated, alloc.households, alloc.method, alloc.seed],
  );
}

/** A household's entitlement in a period: per good its need, ration, collected and what is left. */
export async function entitlementOf(q: Queryable, periodId: string, householdId: string) {
  const [e] = await q.query<{ needs: number[]; rations: number[]; collected: number[]; goods: string[] }>(
    `select e.needs, e.rations, e.collected, (select array_agg(g.code order by u.i) from unnest(p.goods) with ordinality u(id, i) join good g on g.id = u.id) as goods
     from entitlement e join ration_period p on p.id = e.period_id where e.period_id = $1 and e.household_id = $2`,
    [periodId, householdId],
  );
  if (!e) return null;
  return e.goods.map((good, i) => ({ good, need: e.needs[i]!, ration: e.rations[i]!, collected: e.collected[i]!, left: e.rations[i]! - e.collected[i]! }));
}

/** Closes a period (administrators): what was not collected stays in stock for the next one. */
export async function closePeriod(ctx: Ctx, periodId: string) {
  requireAdmin(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const p = await periodRow(tx, periodId, true);
    if (!p) throw problem.notFound('periodId', 'no such period');
    if (p.status === 'closed') throw problem.conflict('periodId', 'already closed', 'period_closed');
    const [u] = await tx.query<{ unclaimed: number }>(
      `select coalesce(sum(r - c), 0)::int8 as unclaimed from entitlement e, unnest(e.rations, e.collected) as u(r, c) where e.period_id = $1`,
      [periodId],
    );
    await tx.query(`update ration_period set status = 'closed', closed_at = $2 where id = $1`, [periodId, ctx.clock.now()]);
    await appendAudit(tx, ctx, { action: 'supply.period.close', subject: `period:${periodId}`, payload: { unclaimed: u!.unclaimed } });
    return { ...p, status: 'closed' as const, unclaimedReturned: u!.unclaimed };
  });
}

/** The open period that contains `day` (YYYY-MM-DD), if any. */
export async function periodOn(q: Queryable, day: string): Promise<Period | undefined> {
  const [r] = await q.query<{ id: string }>(`select id from ration_period where status = 'open' and starts <= $1::date and ends >= $1::date`, [day]);
  return r ? periodRow(q, r.id) : undefined;
}

/**
 * What a committee's officers see on their dashboard for a period: per good the stock,
 * need, rations, collected (entitlement progress) and unmet need; households fully
 * served; and the day's pickups.
 */
export async function committeeDashboard(ctx: Ctx, committeeId: string, periodId: string, day: string) {
  await requireCommittee(ctx.db, committeeId);
  await requireSupplyOfficer(ctx.db, ctx, committeeId);
  const period = await getPeriod(ctx.db, periodId);
  const goods = await ctx.db.query<{ code: string; name: string; unit: string; i: number; stock: number; need: number; allocated: number; collected: number; households: number; served: number }>(
    `select g.code, g.name, g.unit, u.i::int as i,
            coalesce((select quantity from stock_balance b where b.committee_id = $2 and b.good_id = g.id), 0)::int8 as stock,
            coalesce(a.need, 0)::int8 as need, coalesce(a.allocated, 0)::int8 as allocated,
            coalesce((select sum(e.collected[u.i]) from entitlement e where e.period_id = $1 and e.committee_id = $2), 0)::int8 as collected,
            coalesce(a.households, 0)::int as households,
            (select count(*) from entitlement e where e.period_id = $1 and e.committee_id = $2 and e.collected[u.i] = e.rations[u.i])::int as served
     from unnest($3::uuid[]) with ordinality u(id, i)
     join good g on g.id = u.id
     left join allocation a on a.period_id = $1 and a.committee_id = $2 and a.good_id = g.id
     order by u.i`,
    [period.id, committeeId, period.goods],
  );
  const today = await ctx.db.query<{ id: string; household_id: string; point: string; lines: unknown; at: Date }>(
    `select id, household_id, point, lines, at from pickup where committee_id = $1 and at >= $2::date and at < $2::date + 1 order by at desc limit 50`,
    [committeeId, day],
  );
  const [{ n } = { n: 0 }] = await ctx.db.query<{ n: number }>(`select count(*)::int as n from pickup where committee_id = $1 and at >= $2::date and at < $2::date + 1`, [committeeId, day]);
  return {
    period,
    goods: goods.map((g) => ({ good: g.code, name: g.name, unit: g.unit, stock: g.stock, need: g.need, allocated: g.allocated, collected: g.collected, unmet: g.need - g.allocated, households: g.households, served: g.served })),
    pickupsToday: n,
    recentPickups: today.map((p) => ({ id: p.id, householdId: p.household_id, point: p.point, lines: p.lines, at: p.at.toISOString() })),
  };
}

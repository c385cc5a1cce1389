import { personOf } from '../core/actor.js';
import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { publish } from '../core/events.js';
import { actorLabel } from '../core/actor.js';
import { canonicalJson } from '../core/audit/canonical.js';
import { EVENTS_CHANNEL } from '../core/events.js';
import { Problem, problem, type FieldError } from '../core/problem.js';
import { Batcher, batchSlots, perDb } from '../db/batch.js';
import type { Db, Tx } from '../db/db.js';
import { isAdminActor } from '../people/index.js';
import { holdsOffice } from '../councils/index.js';
import { parseCardCode } from './card-code.js';
import { SUPPLY_OFFICES } from './households.js';
import { policyOf } from './periods.js';
import { takeForPickup } from './stock.js';

export interface PickupInput {
  /** Made by the client (the desk works offline): the same id is the same pickup. */
  id: string;
  card: string;
  /** The distribution point, e.g. "Sede JAP, mesa 2". */
  point: string;
  lines: { good: string; quantity: number }[];
  /** When it happened (an offline desk syncs later); default now. */
  at?: string;
}

export interface PickupResult {
  id: string;
  householdId: string;
  periodId: string;
  lines: { good: string; quantity: number; left: number }[];
  at: string;
  /** True when this id had been recorded before: nothing was recorded again. */
  replay: boolean;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * An officer of the household's committee records a pickup. Refused: a card that is not
 * a live card, a household of another committee, a non-officer, a good not in the
 * period, a quantity that is not a whole number ≥ 1 or is more than what is left of the
 * entitlement, and stock that would go negative. The entitlement row is locked, so two
 * desks recording the same household at the same moment cannot both take the last of it.
 * Replaying an id returns the first recording; reusing it for another pickup is refused.
 */
export async function recordPickup(ctx: Ctx, input: PickupInput): Promise<PickupResult> {
  const checked = checkPickup(ctx, input);
  // pickups arriving together are written together (see Batcher); any that the batch
  // statement cannot settle by itself go through the full path below, one by one
  const r = await pickupBatches(ctx.db).submit({ ctx, input, ...checked });
  if ('error' in r) throw r.error;
  return r.result;
}

interface Checked {
  officer: string;
  code: string;
  at: Date;
}

function checkPickup(ctx: Ctx, input: PickupInput): Checked {
  const officer = personOf(ctx.actor);
  if (!officer) throw problem.unauthenticated('sign in as an officer of the committee');
  const card = parseCardCode(input.card);
  if (!card.ok) throw problem.invalid('card', card.reason, 'bad_card');
  const errors: FieldError[] = [];
  if (!input.point.trim()) errors.push({ field: 'point', reason: 'name the distribution point' });
  if (!input.lines.length) errors.push({ field: 'lines', reason: 'give at least one good and quantity' });
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1) errors.push({ field: `lines/${i}/quantity`, reason: 'must be a whole number of units ≥ 1' });
    if (seen.has(l.good)) errors.push({ field: `lines/${i}/good`, reason: 'this good is already on another line' });
    seen.add(l.good);
  });
  const at = input.at ? new Date(input.at) : ctx.clock.now();
  if (Number.isNaN(at.getTime())) errors.push({ field: 'at', reason: 'must be a date-time' });
  else if (at.getTime() > ctx.clock.now().getTime() + 5 * 60_000) errors.push({ field: 'at', reason: 'is in the future' });
  if (errors.length) throw problem.invalidMany(errors);
  return { officer, code: card.code, at };
}

type Queued = { ctx: Ctx; input: PickupInput } & Checked;
type Outcome = { result: PickupResult } | { error: unknown };

const pickupBatches = perDb(
  (db: Db) =>
    new Batcher<Queued, Outcome>(
      (items) => recordBatch(db, items),
      (item) => recordOne(item).then((result) => ({ result }), (error: unknown) => ({ error })),
      // one pickup per household per batch: two for the same card are never written together
      { maxBatch: 100, slots: batchSlots(db), key: (q) => q.code, aloneAsBatch: true },
    ),
);

/** How the batched pickups went on this database handle (tests, metrics). */
export const pickupBatchStats = (db: Db) => pickupBatches(db).stats;

/** The full path, in its own transaction: every check, with the precise refusal. */
async function recordOne({ ctx, input, officer, code, at }: Queued): Promise<PickupResult> {
  const card = { code };
  return ctx.db.transaction(async (tx) => {
    const [prior] = await tx.query<{ household_id: string; period_id: string; lines: { good: string; quantity: number }[]; at: Date; officer_id: string }>(
      'select household_id, period_id, lines, at, officer_id from pickup where id = $1',
      [input.id],
    );
    const [c] = await tx.query<{ household_id: string; committee_id: string; revoked_at: Date | null }>(
      'select c.household_id, h.committee_id, c.revoked_at from ration_card c join household h on h.id = c.household_id where c.code = $1',
      [card.code],
    );
    if (!c) throw problem.notFound('card', 'no household has this card', 'unknown_card');
    let officerHere = isAdminActor(ctx.actor);
    for (const t of SUPPLY_OFFICES) if (!officerHere && (await holdsOffice(tx, officer, c.committee_id, t))) officerHere = true;
    if (!officerHere) {
      const [elsewhere] = await tx.query("select 1 from office where person_id = $1 and title = any($2::text[]) and until is null limit 1", [officer, [...SUPPLY_OFFICES]]);
      throw elsewhere
        ? problem.forbidden('this household belongs to another committee; it collects there', 'other_committee')
        : problem.forbidden("only the committee's supply officers record pickups", 'not_officer');
    }
    if (prior) {
      const same = prior.household_id === c.household_id && JSON.stringify(prior.lines) === JSON.stringify(input.lines.map((l) => ({ good: l.good, quantity: l.quantity })));
      if (!same) throw problem.conflict('id', 'this pickup id was used for another pickup', 'pickup_id_reused');
      return { id: input.id, householdId: prior.household_id, periodId: prior.period_id, lines: await linesLeft(tx, prior.period_id, prior.household_id, prior.lines), at: prior.at.toISOString(), replay: true };
    }
    if (c.revoked_at) throw problem.invalid('card', 'this card was revoked; ask the committee for the new one', 'revoked_card');
    const grace = (await policyOf(tx, c.committee_id)).graceDays;
    const day = dayOf(at);
    const [period] = await tx.query<{ id: string; goods: string[] }>(
      `select id, goods from ration_period where status = 'open' and starts <= $1::date and ends + $2::int >= $1::date order by starts desc limit 1`,
      [day, grace],
    );
    if (!period) throw problem.conflict('at', `no open ration period on ${day}`, 'no_period');
    const goods = await tx.query<{ id: string; code: string; i: number }>(
      'select g.id, g.code, u.i::int as i from unnest($1::uuid[]) with ordinality u(id, i) join good g on g.id = u.id',
      [period.goods],
    );
    const [e] = await tx.query<{ rations: number[]; collected: number[] }>(
      'select rations, collected from entitlement where period_id = $1 and household_id = $2 for update',
      [period.id, c.household_id],
    );
    if (!e) throw problem.conflict('card', 'no rations have been computed for this household in this period yet', 'no_entitlement');
    // the same pickup may have been committed by another desk's retry while we waited for the lock
    const [late] = await tx.query<{ lines: { good: string; quantity: number }[]; at: Date }>('select lines, at from pickup where id = $1', [input.id]);
    if (late) {
      if (JSON.stringify(late.lines) !== JSON.stringify(input.lines.map((l) => ({ good: l.good, quantity: l.quantity }))))
        throw problem.conflict('id', 'this pickup id was used for another pickup', 'pickup_id_reused');
      return { id: input.id, householdId: c.household_id, periodId: period.id, lines: await linesLeft(tx, period.id, c.household_id, late.lines), at: late.at.toISOString(), replay: true };
    }
    const collected = [...e.collected];
    const lineErrors: FieldError[] = [];
    const resolved = input.lines.map((l, i) => {
      const g = goods.find((x) => x.code === l.good || x.id === l.good);
      if (!g) {
        lineErrors.push({ field: `lines/${i}/good`, reason: `"${l.good}" is not rationed in this period (${goods.map((x) => x.code).join(', ')})` });
        return null;
      }
      const k = g.i - 1;
      const left = e.rations[k]! - collected[k]!;
      if (l.quantity > left) lineErrors.push({ field: `lines/${i}/quantity`, reason: `only ${left} left of this household's ration of ${g.code}`, max: left });
      collected[k]! += l.quantity;
      return { good: g, quantity: l.quantity, k };
    });
    if (lineErrors.length) {
      const beyond = lineErrors.some((x) => x.field.endsWith('/quantity'));
      throw beyond ? new Problem('conflict', 'beyond_entitlement', 'more than what is left of the entitlement', lineErrors) : problem.invalidMany(lineErrors, 'unknown_good');
    }
    await tx.query('update entitlement set collected = $3::int[] where period_id = $1 and household_id = $2', [period.id, c.household_id, collected]);
    for (const r of resolved) await takeForPickup(tx, ctx, c.committee_id, r!.good.id, r!.quantity, input.id);
    const lines = input.lines.map((l) => ({ good: l.good, quantity: l.quantity }));
    await tx.query(
      'insert into pickup (id, period_id, household_id, committee_id, officer_id, point, lines, at, recorded_at) values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9)',
      [input.id, period.id, c.household_id, c.committee_id, officer, input.point.trim(), JSON.stringify(lines), at, ctx.clock.now()],
    );
    await appendAudit(tx, ctx, { action: 'supply.pickup', subject: `household:${c.household_id}`, payload: { pickup: input.id, point: input.point.trim(), lines } });
    await publish(tx, 'supply.pickup', { committeeId: c.committee_id, pickupIds: [input.id] });
    return {
      id: input.id,
      householdId: c.household_id,
      periodId: period.id,
      lines: resolved.map((r) => ({ good: r!.good.code, quantity: r!.quantity, left: e.rations[r!.k]! - collected[r!.k]! })),
      at: at.toISOString(),
      replay: false,
    };
  });
}

async function linesLeft(tx: Tx, periodId: string, householdId: string, lines: { good: string; quantity: number }[]) {
  const [e] = await tx.query<{ rations: number[]; collected: number[]; codes: string[]; ids: string[] }>(
    `select e.rations, e.collected,
            (select array_agg(g.code order by u.i) from unnest(p.goods) with ordinality u(id, i) join good g on g.id = u.id) as codes,
            (select array_agg(u.id::text order by u.i) from unnest(p.goods) with ordinality u(id, i)) as ids
     from entitlement e join ration_period p on p.id = e.period_id where e.period_id = $1 and e.household_id = $2`,
    [periodId, householdId],
  );
  return lines.map((l) => {
    const k = Math.max(e!.codes.indexOf(l.good), e!.ids.indexOf(l.good));
    return { good: e!.codes[k] ?? l.good, quantity: l.quantity, left: k >= 0 ? e!.rations[k]! - e!.collected[k]! : 0 };
  });
}

/**
 * Many pickups in one statement. Only the plain case is settled here — a live card, an
 * officer of the household's committee, an open period, goods of the period, an id not
 * seen before — and the entitlement update is checked by the database (`within_rations`)
 * against the row as it is when updated, so concurrent pickups cannot overdraw it. Any
 * pickup not settled here (a replay, a refusal) goes through the full path alone, and a
 * batch the database refuses as a whole (a ration or stock that would be overdrawn) is
 * retried item by item by the Batcher.
 */
async function recordBatch(db: Db, items: readonly Queued[]): Promise<Outcome[]> {
  const now = items[0]!.ctx.clock.now();
  const lines = items.map((q) => q.input.lines.map((l) => ({ good: l.good, quantity: l.quantity })));
  const rows = await db.transaction(async (tx) => {
    // lock the entitlements first, in one order, as the stock balances are (migration
    // 0011): concurrent batches then queue behind each other instead of deadlocking
    const locked = tx.query(
      `select 1 from ration_card c join entitlement e on e.household_id = c.household_id join ration_period p on p.id = e.period_id and p.status = 'open'
       where c.code = any($1::text[]) and c.revoked_at is null order by e.period_id, e.household_id for update of e`,
      [items.map((q) => q.code)],
    );
    // sent without waiting for the lock's answer: the connection runs them in order (pipelined)
    const settled = tx.query<{ ord: number; household_id: string | null; period_id: string | null; lefts: number[] | null }>(
      `with input as (
         select * from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::text[])
           with ordinality as t(id, card, officer, at, point, codes, qtys, lines_json, audit_id, actor, payload, ord)
       ), ctx as (
         -- each pickup with its household, committee, period, and its own lines resolved
         -- against the period's goods (k: the good's place in the entitlement arrays)
         select i.*, c.household_id, h.committee_id, p.id as period_id, p.goods as period_goods, l.ks, l.good_ids, l.bad
         from input i
         join ration_card c on c.code = i.card and c.revoked_at is null
         join household h on h.id = c.household_id
         join lateral (
           select rp.id, rp.goods from ration_period rp
           where rp.status = 'open' and rp.starts <= (i.at::timestamptz at time zone 'UTC')::date
             and rp.ends + coalesce((select sp.grace_days from supply_policy sp where sp.committee_id = h.committee_id), 0) >= (i.at::timestamptz at time zone 'UTC')::date
           order by rp.starts desc limit 1
         ) p on true
         cross join lateral (
           select array_agg(array_position(p.goods, g.id) order by x.pos) as ks, array_agg(g.id order by x.pos) as good_ids,
                  bool_or(g.id is null or array_position(p.goods, g.id) is null or x.qty < 1) as bad
           from unnest(string_to_array(i.codes, ','), i.qtys::int[]) with ordinality as x(code, qty, pos)
           left join good g on g.code = x.code
         ) l
         where exists (select 1 from office o where o.body_id = h.committee_id and o.person_id = i.officer and o.title in ('supply_officer', 'chair') and o.until is null)
           and not exists (select 1 from pickup x where x.id = i.id)
       ), plain as (
         -- what each pickup adds to each good of the entitlement (only its own lines are read)
         select x.*, array(select coalesce((select sum(y.q) from unnest(x.ks, x.qtys::int[]) as y(k, q) where y.k = gi), 0)::int
                           from generate_series(1, cardinality(x.period_goods)) gi order by gi) as additions
         from ctx x
         where not x.bad
       ), done as (
         update entitlement e
            set collected = (select array_agg(e.collected[i] + p.additions[i] order by i) from generate_subscripts(e.collected, 1) i)
           from plain p
          where e.period_id = p.period_id and e.household_id = p.household_id
         returning p.ord, p.id, p.household_id, p.committee_id, p.period_id, p.officer, p.point, p.lines_json, p.at, p.audit_id, p.actor, p.payload,
                   p.ks, p.good_ids, p.qtys, e.collected, e.rations
       ), moves as (
         insert into stock_move (id, good_id, kind, from_committee, quantity, pickup_id, at)
         select gen_random_uuid(), y.good_id, 'pickup', d.committee_id, y.qty, d.id, $12
         from done d cross join lateral unnest(d.good_ids, d.qtys::int[]) as y(good_id, qty)
         returning 1
       ), picks as (
         insert into pickup (id, period_id, household_id, committee_id, officer_id, point, lines, at, recorded_at)
         select d.id, d.period_id, d.household_id, d.committee_id, d.officer, d.point, d.lines_json::jsonb, d.at::timestamptz, $12 from done d
         returning id
       ), audit as (
         insert into audit_event (id, at, actor, action, subject, payload)
         select d.audit_id, $12, d.actor, 'supply.pickup', 'household:' || d.household_id, d.payload from done d order by d.ord
         returning 1
       ), notify as (
         -- one event per committee per batch, naming its pickups
         select pg_notify('${EVENTS_CHANNEL}', json_build_object('topic', 'supply.pickup', 'data', json_build_object('committeeId', d.committee_id, 'pickupIds', array_agg(d.id order by d.ord)))::text)
         from done d group by d.committee_id
       )
       select i.ord::int as ord, d.household_id, d.period_id,
              (select array_agg(d.rations[y.k] - d.collected[y.k] order by y.n) from unnest(d.ks) with ordinality as y(k, n)) as lefts,
              (select count(*) from moves) + (select count(*) from picks) + (select count(*) from audit) + (select count(*) from notify) as written
       from input i left join done d on d.ord = i.ord
       order by i.ord`,
      [
        items.map((q) => q.input.id),
        items.map((q) => q.code),
        items.map((q) => q.officer),
        items.map((q) => q.at.toISOString()),
        items.map((q) => q.input.point.trim()),
        items.map((q) => q.input.lines.map((l) => l.good).join(',')),
        items.map((q) => `{${q.input.lines.map((l) => l.quantity).join(',')}}`),
        lines.map((l) => JSON.stringify(l)),
        items.map((q) => q.ctx.ids.uuid()),
        items.map((q) => actorLabel(q.ctx.actor)),
        items.map((q, i) => canonicalJson({ pickup: q.input.id, point: q.input.point.trim(), lines: lines[i] })),
        now,
      ],
    );
    return (await Promise.all([locked, settled]))[1];
  });
  return Promise.all(
    items.map(async (q, i): Promise<Outcome> => {
      const r = rows[i]!;
      if (r.household_id && r.period_id && r.lefts)
        return {
          result: { id: q.input.id, householdId: r.household_id, periodId: r.period_id, lines: lines[i]!.map((l, k) => ({ good: l.good, quantity: l.quantity, left: r.lefts![k]! })), at: q.at.toISOString(), replay: false },
        };
      // not the plain case: the full path says what it is (a replay, or a precise refusal)
      return recordOne(q).then((result) => ({ result }), (error: unknown) => ({ error }));
    }),
  );
}

import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { problem } from '../core/problem.js';
import { seedFromText } from '../core/seeded.js';
import type { Queryable } from '../db/db.js';
import { personOf } from '../core/actor.js';
import { isAdminActor } from '../people/index.js';
import { requireSupplyOfficer, SUPPLY_OFFICES } from './households.js';
import { getPeriod, householdColumns } from './periods.js';
import { householdClaims, RATION_METHODS, splitDelivery, type RationMethod } from './ration/index.js';
import { goodByRef } from './stock.js';

const MAX_QUANTITY = 1_000_000_000_000;

export interface DistrictDeliveryInput {
  /** The district (cordón), region or any body above supply committees. */
  districtId: string;
  good: string;
  quantity: number;
  /** The period whose first day the households are counted on. */
  periodId: string;
  method?: string;
  seed?: number;
}

export interface DistrictDelivery {
  id: string;
  districtId: string;
  good: string;
  unit: string;
  quantity: number;
  method: RationMethod;
  seed: number;
  /** Σ of the committees' shares: min(quantity, Σ need). */
  delivered: number;
  /** What no committee needs: it stays with whoever holds the delivery. */
  undistributed: number;
  committees: { committeeId: string; name: string; households: number; need: number; share: number }[];
}

/** The supply committees under a body (itself excluded), in id order. */
async function committeesUnder(q: Queryable, bodyId: string): Promise<{ id: string; name: string }[]> {
  return q.query<{ id: string; name: string }>(
    `with recursive down (id) as (select id from body where parent_id = $1 union all select b.id from body b join down on b.parent_id = down.id)
     select b.id, b.name from down join body b on b.id = down.id where b.kind = 'supply_committee' order by b.id`,
    [bodyId],
  );
}

/**
 * A district shares a delivery of one good among the supply committees under it, by the
 * same rules as a committee shares among households (ration/district.ts): each committee
 * claims the sum of its households' needs on the period's first day. Each share is
 * recorded as a `delivery` into that committee's stock, in one transaction; the
 * committees then share their stock among their households when rations are computed.
 * Administrators and the district's officers (chair, supply officer) may do it.
 */
export async function deliverToDistrict(ctx: Ctx, input: DistrictDeliveryInput): Promise<DistrictDelivery> {
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_QUANTITY) throw problem.invalid('quantity', 'must be a whole number of units ≥ 1');
  if (input.method !== undefined && !(RATION_METHODS as readonly string[]).includes(input.method)) throw problem.invalid('method', `must be one of ${RATION_METHODS.join(', ')}`);
  if (input.seed !== undefined && (!Number.isSafeInteger(input.seed) || input.seed < 0)) throw problem.invalid('seed', 'must be a whole number ≥ 0');
  return ctx.db.transaction(async (tx) => {
    const [district] = await tx.query<{ id: string; name: string; kind: string }>('select id, name, kind from body where id = $1', [input.districtId]);
    if (!district) throw problem.notFound('districtId', 'no such body');
    if (district.kind === 'supply_committee') throw problem.invalid('districtId', 'is a supply committee: record the delivery in its stock instead', 'not_district');
    if (!isAdminActor(ctx.actor)) await requireSupplyOfficer(tx, ctx, district.id);
    const good = await goodByRef(tx, input.good, 'good');
    const period = await getPeriod(tx, input.periodId);
    const committees = await committeesUnder(tx, district.id);
    if (!committees.length) throw problem.invalid('districtId', 'has no supply committees under it', 'no_committees');
    const method = (input.method as RationMethod | undefined) ?? 'maxmin';
    const id = ctx.ids.uuid();
    const seed = input.seed ?? seedFromText(`${id}:${good.id}`);
    const households = await householdColumns(
      tx,
      committees.map((c) => c.id),
      period.starts,
    );
    const claims = committees.map((c) => {
      const columns = households.get(c.id)?.columns ?? { adults: [], children: [], infants: [], special: [] };
      return { committee: c.id, claims: householdClaims(good.needRule, columns) };
    });
    const split = splitDelivery(input.quantity, claims, method, seed);
    const now = ctx.clock.now();
    const rows = split.map((r, i) => ({
      committeeId: r.committee,
      name: committees[i]!.name,
      households: claims[i]!.claims.need.length,
      need: claims[i]!.claims.need.reduce((a, x) => a + x, 0),
      share: r.share,
    }));
    const given = rows.filter((r) => r.share > 0);
    if (given.length)
      await tx.query(
        `insert into stock_move (id, good_id, kind, to_committee, quantity, reason, at)
         select u.id, $1, 'delivery', u.c, u.q, $2, $3 from unnest($4::uuid[], $5::uuid[], $6::int8[]) as u(id, c, q)`,
        [good.id, `district delivery ${id} from ${district.name}`, now, given.map(() => ctx.ids.uuid()), given.map((r) => r.committeeId), given.map((r) => r.share)],
      );
    const delivered = rows.reduce((a, r) => a + r.share, 0);
    const result: DistrictDelivery = {
      id,
      districtId: district.id,
      good: good.code,
      unit: good.unit,
      quantity: input.quantity,
      method,
      seed,
      delivered,
      undistributed: input.quantity - delivered,
      committees: rows,
    };
    await appendAudit(tx, ctx, {
      action: 'supply.district.delivery',
      subject: `body:${district.id}`,
      payload: { delivery: id, good: good.code, quantity: input.quantity, method, seed, period: period.id, shares: rows.map((r) => ({ committee: r.committeeId, need: r.need, share: r.share })) },
    });
    return result;
  });
}

/**
 * The bodies whose supply work the caller may do: supply committees and districts where
 * they hold a supply office (chair or supply officer) now; administrators see every
 * supply committee. This is what the supply desk offers to choose from.
 */
export async function bodiesIRun(ctx: Ctx): Promise<{ id: string; name: string; kind: string; offices: string[] }[]> {
  if (isAdminActor(ctx.actor))
    return ctx.db.query(`select id, name, kind, array[]::text[] as offices from body where kind = 'supply_committee' order by name, id`);
  const person = personOf(ctx.actor);
  if (!person) throw problem.unauthenticated('sign in first');
  return ctx.db.query(
    `select b.id, b.name, b.kind, array_agg(o.title order by o.title) as offices
     from office o join body b on b.id = o.body_id
     where o.person_id = $1 and o.until is null and o.title = any($2::text[])
     group by b.id, b.name, b.kind order by b.kind <> 'supply_committee', b.name, b.id`,
    [person, [...SUPPLY_OFFICES]],
  );
}

import type { Queryable } from '../db/db.js';

/** The rations of a good in an open period, per committee: what a shortfall of that good
 *  puts at risk. */
export interface RationExposure {
  good: string;
  committeeId: string;
  periodId: string;
  /** Households with a ration of the good greater than nothing. */
  households: number;
  /** The rations of the good over those households, in the good's unit. */
  quantity: number;
}

/** The rations of the goods with these codes in the open periods, per committee (one
 *  set-based read; the monitor's impact view uses it). */
export async function rationsOfGoods(q: Queryable, goodCodes: readonly string[]): Promise<RationExposure[]> {
  if (goodCodes.length === 0) return [];
  const rows = await q.query<{ good: string; committee_id: string; period_id: string; households: number; quantity: number }>(
    `select g.code as good, e.committee_id, p.id as period_id,
            count(*) filter (where e.rations[x.k] > 0)::int8 as households, coalesce(sum(e.rations[x.k]), 0)::int8 as quantity
       from good g
       join ration_period p on p.status = 'open' and g.id = any (p.goods)
       cross join lateral (select array_position(p.goods, g.id) as k) x
       join entitlement e on e.period_id = p.id
      where g.code = any ($1::text[])
      group by g.code, e.committee_id, p.id
     having count(*) filter (where e.rations[x.k] > 0) > 0
      order by g.code, e.committee_id`,
    [goodCodes],
  );
  return rows.map((r) => ({ good: r.good, committeeId: r.committee_id, periodId: r.period_id, households: Number(r.households), quantity: Number(r.quantity) }));
}

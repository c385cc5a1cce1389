import type { Queryable } from '../db/db.js';

export interface UnmetRow {
  bodyId: string;
  bodyName: string;
  kind: string;
  good: string;
  unit: string;
  need: number;
  allocated: number;
  unmet: number;
  committees: number;
  households: number;
}

/**
 * Need, allocation and unmet need of a period, per good, for every body from the supply
 * committees up through their district, region and the nation (each body sums the
 * committees below it). `bodyId` keeps only that body. This is the demand signal the
 * plan reads (src/supply/index.ts).
 */
export async function unmetNeed(q: Queryable, periodId: string, bodyId?: string): Promise<UnmetRow[]> {
  const rows = await q.query<{ body_id: string; name: string; kind: string; good: string; unit: string; need: number; allocated: number; committees: number; households: number }>(
    `with recursive up (committee_id, body_id) as (
       select distinct committee_id, committee_id from allocation where period_id = $1
       union all
       select up.committee_id, b.parent_id from up join body b on b.id = up.body_id where b.parent_id is not null
     )
     select up.body_id, b.name, b.kind, g.code as good, g.unit,
            sum(a.need)::int8 as need, sum(a.allocated)::int8 as allocated,
            count(distinct a.committee_id)::int as committees, sum(a.households)::int8 as households
     from up
     join allocation a on a.period_id = $1 and a.committee_id = up.committee_id
     join good g on g.id = a.good_id
     join body b on b.id = up.body_id
     where $2::uuid is null or up.body_id = $2::uuid
     group by up.body_id, b.name, b.kind, g.code, g.unit
     order by b.kind, b.name, g.code`,
    [periodId, bodyId ?? null],
  );
  return rows.map((r) => ({
    bodyId: r.body_id,
    bodyName: r.name,
    kind: r.kind,
    good: r.good,
    unit: r.unit,
    need: r.need,
    allocated: r.allocated,
    unmet: r.need - r.allocated,
    committees: r.committees,
    households: r.households,
  }));
}

/** The whole federation's unmet need of a period per good: what the plan should add to final demand. */
export async function unmetByGood(q: Queryable, periodId: string): Promise<{ good: string; unit: string; need: number; allocated: number; unmet: number }[]> {
  return q.query(
    `select g.code as good, g.unit, sum(a.need)::int8 as need, sum(a.allocated)::int8 as allocated, (sum(a.need) - sum(a.allocated))::int8 as unmet
     from allocation a join good g on g.id = a.good_id where a.period_id = $1 group by g.code, g.unit order by g.code`,
    [periodId],
  );
}

import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { problem, type FieldError } from '../core/problem.js';
import type { Tx } from '../db/db.js';
import { monitorCharter, openAlerts, type NewAlert } from './alerts.js';
import { checkReports, dayMs } from './check-reports.js';
import { createFilter, updateFilter, type FilterState } from './filter/index.js';
import { requireEnterprise, requireEnterpriseOfficer } from './indicators.js';
import type { IngestResult, ReportInput } from './model.js';

/** Requests a device may make per minute; past it, 429 (a flood is a broken or hostile device). */
export const DEVICE_REQUESTS_PER_MINUTE = 60;
export const MAX_BATCH = 5000;

/**
 * Who may report for an enterprise: a device token bound to it (monitor_device), or a
 * person holding office in it (the web form). A token is counted against its flood limit
 * in its own statement, before the reports are checked, so refused requests count too.
 */
async function requireReporter(ctx: Ctx, enterpriseId: string): Promise<string | null> {
  if (ctx.actor.kind !== 'token') {
    await requireEnterpriseOfficer(ctx.db, ctx, enterpriseId);
    return null;
  }
  const tokenId = ctx.actor.id;
  const [d] = await ctx.db.query<{ body_id: string }>('select body_id from monitor_device where token_id = $1', [tokenId]);
  if (!d) throw problem.forbidden('this token is not bound to an enterprise (an officer binds it: POST /monitor/enterprises/{id}/devices)', 'unbound_device');
  if (d.body_id !== enterpriseId) throw problem.forbidden("this token reports for another enterprise", 'wrong_enterprise');
  const now = ctx.clock.now();
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [r] = await ctx.db.query<{ requests: number }>(
    `insert into monitor_device_rate (token_id, minute, requests) values ($1, $2, 1)
     on conflict (token_id, minute) do update set requests = monitor_device_rate.requests + 1 returning requests`,
    [tokenId, minute],
  );
  if (r!.requests > DEVICE_REQUESTS_PER_MINUTE)
    throw problem.rateLimited(`more than ${DEVICE_REQUESTS_PER_MINUTE} requests a minute from this device; send reports in batches`, Math.ceil((minute.getTime() + 60_000 - now.getTime()) / 1000), 'device_flood');
  return tokenId;
}

/**
 * Stores a batch of reports of one enterprise and runs each new value through its
 * series' filter, in one transaction:
 * - the same value for a day already stored is a replay (a retried request): nothing changes;
 * - a different value for a stored day is refused (409 `report_conflict`): a correction
 *   is a decision, not a retry, and the filter has already seen the first value;
 * - a day after the series' last filtered day goes through the filter (O(1) per value,
 *   the state is one JSON row per series, locked FOR UPDATE); a day before it (a late
 *   report) is stored but not filtered, since the filter only moves forward;
 * - a change the filter finds credible, or output below the charter's tolerance of its
 *   plan value, opens an alert at the enterprise's workers' council.
 * Any bad report refuses the whole batch and nothing is written (errors name `reports/<i>/<field>`).
 */
export async function ingestReports(ctx: Ctx, enterpriseId: string, reports: readonly ReportInput[], name?: (i: number, field: string) => string): Promise<IngestResult> {
  const label = name ?? ((i: number, f: string) => `reports/${i}/${f}`);
  await requireEnterprise(ctx.db, enterpriseId);
  const tokenId = await requireReporter(ctx, enterpriseId);
  if (reports.length === 0) throw problem.invalid('reports', 'send at least one report');
  if (reports.length > MAX_BATCH) throw problem.tooLarge('reports', `at most ${MAX_BATCH} reports a request`);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const errors = checkReports(reports, today, label);
  if (errors.length) throw problem.invalidMany(errors);
  return ctx.db.transaction((tx) => store(tx, ctx, enterpriseId, tokenId, reports, label));
}

async function store(tx: Tx, ctx: Ctx, enterpriseId: string, tokenId: string | null, reports: readonly ReportInput[], label: (i: number, f: string) => string): Promise<IngestResult> {
  const codes = [...new Set(reports.map((r) => r.indicator))];
  const inds = await tx.query<{ id: string; code: string; kind: string }>('select id, code, kind from indicator where body_id = $1 and code = any ($2::text[])', [enterpriseId, codes]);
  const byCode = new Map(inds.map((i) => [i.code, i]));
  const errors: FieldError[] = [];
  reports.forEach((r, i) => {
    if (!byCode.has(r.indicator)) errors.push({ field: label(i, 'indicator'), reason: `the enterprise has no indicator "${r.indicator}"` });
  });
  if (errors.length) throw problem.invalidMany(errors, 'unknown_indicator');
  const indIds = reports.map((r) => byCode.get(r.indicator)!.id);
  const days = reports.map((r) => r.day);
  // the series' filter states, locked: two batches of one series are filtered one after the other
  const states = new Map(
    (
      await tx.query<{ indicator_id: string; last_day: string; state: FilterState }>(
        `select indicator_id, to_char(last_day, 'YYYY-MM-DD') as last_day, state from series_state where indicator_id = any ($1::uuid[]) order by indicator_id for update`,
        [[...new Set(indIds)]],
      )
    ).map((s) => [s.indicator_id, s]),
  );
  const stored = await tx.query<{ indicator_id: string; day: string; value: number }>(
    `select r.indicator_id, to_char(r.day, 'YYYY-MM-DD') as day, r.value from report r join unnest($1::uuid[], $2::date[]) as u(i, d) on r.indicator_id = u.i and r.day = u.d`,
    [indIds, days],
  );
  const old = new Map(stored.map((s) => [`${s.indicator_id}/${s.day}`, s.value]));
  let replayed = 0;
  const fresh: number[] = [];
  reports.forEach((r, i) => {
    const v = old.get(`${indIds[i]}/${r.day}`);
    if (v === undefined) fresh.push(i);
    else if (v === r.value) replayed++;
    else errors.push({ field: label(i, 'value'), reason: `${r.day} was reported as ${v} already; a different value is a correction, not a retry` });
  });
  if (errors.length) throw problem.conflict(errors[0]!.field, `${errors[0]!.reason}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, 'report_conflict');
  if (!fresh.length) return { stored: 0, replayed, late: 0, alertsOpened: 0 };

  // plan values and tolerance, for the fulfilment check of output indicators
  const plans = new Map(
    (
      await tx.query<{ indicator_id: string; day: string; value: number }>(
        `select p.indicator_id, to_char(p.day, 'YYYY-MM-DD') as day, p.value from indicator_plan p join unnest($1::uuid[], $2::date[]) as u(i, d) on p.indicator_id = u.i and p.day = u.d`,
        [fresh.map((i) => indIds[i]), fresh.map((i) => days[i])],
      )
    ).map((p) => [`${p.indicator_id}/${p.day}`, p.value]),
  );
  const [body] = await tx.query<{ charter: unknown }>('select charter from body where id = $1', [enterpriseId]);
  const { tolerance } = monitorCharter(body!.charter);

  const filtered: boolean[] = [];
  const alerts: NewAlert[] = [];
  const touched = new Map<string, { lastDay: string; state: FilterState; forecast: number; lower: number; upper: number; p: number }>();
  for (const i of fresh) {
    const r = reports[i]!;
    const id = indIds[i]!;
    const prev = touched.get(id) ?? (states.has(id) ? { ...states.get(id)!, lastDay: states.get(id)!.last_day, forecast: 0, lower: 0, upper: 0, p: 0 } : undefined);
    if (prev && r.day <= prev.lastDay) {
      filtered.push(false);
    } else {
      const state = prev?.state ?? createFilter();
      const u = updateFilter(state, r.value, dayMs(r.day));
      const pChange = 1 - u.probabilities.steady;
      touched.set(id, { lastDay: r.day, state, forecast: u.forecast, lower: u.lower, upper: u.upper, p: pChange });
      filtered.push(true);
      if (u.change) alerts.push({ enterpriseId, indicatorId: id, kind: 'change', day: r.day, detail: { type: u.change.type, probability: u.change.probability, value: r.value, forecast: u.forecast, lower: u.lower, upper: u.upper } });
    }
    const plan = plans.get(`${id}/${r.day}`);
    if (plan !== undefined && plan > 0 && r.value < tolerance * plan)
      alerts.push({ enterpriseId, indicatorId: id, kind: 'fulfilment', day: r.day, detail: { value: r.value, plan, fulfilment: r.value / plan, tolerance } });
  }
  const now = ctx.clock.now();
  await tx.query(
    `insert into report (indicator_id, day, value, token_id, received_at, filtered)
     select u.i, u.d, u.v, $4::uuid, $5::timestamptz, u.f::boolean from unnest($1::uuid[], $2::date[], $3::float8[], $6::text[]) as u(i, d, v, f)`,
    [fresh.map((i) => indIds[i]), fresh.map((i) => days[i]), fresh.map((i) => reports[i]!.value), tokenId, now, filtered.map((f) => (f ? 't' : 'f'))],
  );
  const t = [...touched];
  if (t.length)
    await tx.query(
      `insert into series_state (indicator_id, last_day, state, forecast, lower, upper, change_probability)
       select u.i, u.d, u.s::jsonb, u.f, u.l, u.h, u.p from unnest($1::uuid[], $2::date[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[]) as u(i, d, s, f, l, h, p)
       on conflict (indicator_id) do update set last_day = excluded.last_day, state = excluded.state, forecast = excluded.forecast,
         lower = excluded.lower, upper = excluded.upper, change_probability = excluded.change_probability`,
      [t.map(([k]) => k), t.map(([, v]) => v.lastDay), t.map(([, v]) => JSON.stringify(v.state)), t.map(([, v]) => v.forecast), t.map(([, v]) => v.lower), t.map(([, v]) => v.upper), t.map(([, v]) => v.p)],
    );
  await appendAudit(tx, ctx, {
    action: 'monitor.report',
    subject: `body:${enterpriseId}`,
    payload: { count: fresh.length, reports: fresh.slice(0, 100).map((i) => reports[i]), ...(fresh.length > 100 ? { more: fresh.length - 100 } : {}) },
  });
  const alertsOpened = await openAlerts(tx, ctx, alerts);
  return { stored: fresh.length, replayed, late: filtered.filter((f) => !f).length, alertsOpened };
}

/** A series: its reports in a range of days, the plan values, and the filter's last forecast. */
export async function seriesOf(ctx: Ctx, indicatorId: string, from?: string, to?: string) {
  const [ind] = await ctx.db.query<{ id: string }>('select id from indicator where id = $1', [indicatorId]);
  if (!ind) throw problem.notFound('id', 'no such indicator');
  const points = await ctx.db.query<{ day: string; value: number; plan: number | null; filtered: boolean }>(
    `select to_char(r.day, 'YYYY-MM-DD') as day, r.value, p.value as plan, r.filtered from report r
       left join indicator_plan p on p.indicator_id = r.indicator_id and p.day = r.day
      where r.indicator_id = $1 and ($2::date is null or r.day >= $2::date) and ($3::date is null or r.day <= $3::date) order by r.day`,
    [indicatorId, from ?? null, to ?? null],
  );
  const [s] = await ctx.db.query<{ last_day: string; forecast: number; lower: number; upper: number; change_probability: number }>(
    `select to_char(last_day, 'YYYY-MM-DD') as last_day, forecast, lower, upper, change_probability from series_state where indicator_id = $1`,
    [indicatorId],
  );
  return {
    indicatorId,
    points,
    last: s ? { day: s.last_day, forecast: s.forecast, lower: s.lower, upper: s.upper, changeProbability: s.change_probability } : null,
  };
}

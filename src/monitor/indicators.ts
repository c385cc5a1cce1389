import { personOf } from '../core/actor.js';
import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { problem } from '../core/problem.js';
import type { Queryable, Tx } from '../db/db.js';
import { isAdminActor } from '../people/index.js';
import { isDay } from './check-reports.js';
import { INDICATOR_KINDS, type Indicator, type IndicatorKind } from './model.js';

interface IndicatorRow {
  id: string;
  body_id: string;
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: string;
  product: string | null;
}
export const toIndicator = (r: IndicatorRow): Indicator => ({ id: r.id, enterpriseId: r.body_id, code: r.code, name: r.name, kind: r.kind, unit: r.unit, product: r.product });

/** The body, which must be a workplace (an enterprise's workers' council). */
export async function requireEnterprise(q: Queryable, bodyId: string, field = 'id'): Promise<void> {
  const [b] = await q.query<{ kind: string }>('select kind from body where id = $1', [bodyId]);
  if (!b) throw problem.notFound(field, 'no such body');
  if (b.kind !== 'workplace') throw problem.invalid(field, `is a ${b.kind}, not a workplace (an enterprise's workers' council)`, 'not_enterprise');
}

/** Administrators, or a person holding any office in the workplace (its officers run its devices). */
export async function requireEnterpriseOfficer(q: Queryable, ctx: Ctx, bodyId: string): Promise<void> {
  if (isAdminActor(ctx.actor)) return;
  const person = personOf(ctx.actor);
  if (!person) throw problem.unauthenticated('sign in first');
  const rows = await q.query('select 1 from office where body_id = $1 and person_id = $2 and until is null limit 1', [bodyId, person]);
  if (!rows.length) throw problem.forbidden("only the workplace's officers or an administrator may do this", 'not_officer');
}

export interface NewIndicator {
  code: string;
  name: string;
  kind: string;
  unit: string;
  product?: string;
}

/** Adds an indicator to an enterprise: output of a planned product (kind `output`, with
 *  the plan's product code) or a custom one. */
export async function createIndicator(ctx: Ctx, enterpriseId: string, input: NewIndicator): Promise<Indicator> {
  const errors = [];
  if (!/^[a-z0-9][a-z0-9_.-]{0,60}$/.test(input.code)) errors.push({ field: 'code', reason: 'lower-case letters, digits, _ . or -, e.g. flour-t' });
  if (!input.name.trim()) errors.push({ field: 'name', reason: 'must not be empty' });
  if (!(INDICATOR_KINDS as readonly string[]).includes(input.kind)) errors.push({ field: 'kind', reason: `must be one of ${INDICATOR_KINDS.join(', ')}` });
  if (!input.unit.trim()) errors.push({ field: 'unit', reason: 'must not be empty (t, kWh, %, workers…)' });
  if (input.kind === 'output' && !input.product) errors.push({ field: 'product', reason: "an output indicator names the plan's product" });
  if (input.kind !== 'output' && input.product !== undefined) errors.push({ field: 'product', reason: 'only an output indicator has a product' });
  if (errors.length) throw problem.invalidMany(errors);
  return ctx.db.transaction(async (tx) => {
    await requireEnterprise(tx, enterpriseId);
    await requireEnterpriseOfficer(tx, ctx, enterpriseId);
    const id = ctx.ids.uuid();
    const rows = await tx.query<IndicatorRow>(
      `insert into indicator (id, body_id, code, name, kind, unit, product, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (body_id, code) do nothing returning id, body_id, code, name, kind, unit, product`,
      [id, enterpriseId, input.code, input.name.trim(), input.kind, input.unit.trim(), input.product ?? null, ctx.clock.now()],
    );
    if (!rows.length) throw problem.conflict('code', `the enterprise has an indicator "${input.code}" already`, 'duplicate_indicator');
    await appendAudit(tx, ctx, { action: 'monitor.indicator.create', subject: `indicator:${id}`, payload: { enterpriseId, ...input } });
    return toIndicator(rows[0]!);
  });
}

export async function listIndicators(q: Queryable, enterpriseId: string): Promise<Indicator[]> {
  await requireEnterprise(q, enterpriseId);
  return (await q.query<IndicatorRow>('select id, body_id, code, name, kind, unit, product from indicator where body_id = $1 order by code', [enterpriseId])).map(toIndicator);
}

/** Binds a bearer token of scope `report` to the enterprise whose reports it will send. */
export async function bindDevice(ctx: Ctx, enterpriseId: string, tokenId: string): Promise<{ tokenId: string; enterpriseId: string }> {
  return ctx.db.transaction(async (tx) => {
    await requireEnterprise(tx, enterpriseId);
    await requireEnterpriseOfficer(tx, ctx, enterpriseId);
    const [t] = await tx.query<{ scopes: string[]; revoked: boolean }>('select scopes, revoked_at is not null as revoked from api_token where id = $1', [tokenId]);
    if (!t || t.revoked) throw problem.invalid('tokenId', 'no such token (or it is revoked)', 'unknown_token');
    if (!t.scopes.includes('report')) throw problem.invalid('tokenId', 'the token lacks the "report" scope', 'scope');
    const rows = await tx.query<{ body_id: string }>(
      `insert into monitor_device (token_id, body_id, created_by, created_at) values ($1, $2, $3, $4)
       on conflict (token_id) do update set token_id = excluded.token_id returning body_id`,
      [tokenId, enterpriseId, personOf(ctx.actor) ?? 'system', ctx.clock.now()],
    );
    if (rows[0]!.body_id !== enterpriseId) throw problem.conflict('tokenId', 'the token reports for another enterprise already', 'device_bound');
    await appendAudit(tx, ctx, { action: 'monitor.device.bind', subject: `token:${tokenId}`, payload: { enterpriseId } });
    return { tokenId, enterpriseId };
  });
}

/**
 * Sets the plan value of indicators per day (the plan calls this in its own transaction
 * when a plan's targets are adopted; an existing value is replaced). Set-based.
 */
export async function setPlanValues(tx: Tx, ctx: Pick<Ctx, 'actor' | 'clock' | 'ids'>, values: readonly { indicatorId: string; day: string; value: number }[]): Promise<number> {
  values.forEach((v, i) => {
    if (!isDay(v.day)) throw problem.invalid(`values/${i}/day`, 'must be a date YYYY-MM-DD');
    if (!Number.isFinite(v.value) || v.value < 0) throw problem.invalid(`values/${i}/value`, 'must be a number ≥ 0');
  });
  if (!values.length) return 0;
  await tx.query(
    `insert into indicator_plan (indicator_id, day, value)
     select * from unnest($1::uuid[], $2::date[], $3::float8[])
     on conflict (indicator_id, day) do update set value = excluded.value`,
    [values.map((v) => v.indicatorId), values.map((v) => v.day), values.map((v) => v.value)],
  );
  await appendAudit(tx, ctx, { action: 'monitor.plan.set', subject: 'indicator_plan', payload: { count: values.length, first: values[0], last: values.at(-1) } });
  return values.length;
}

import { systemActor } from '../core/actor.js';
import { appendAudit, appendAuditMany } from '../core/audit/index.js';
import type { Clock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { publish } from '../core/events.js';
import type { IdSource } from '../core/ids.js';
import { problem } from '../core/problem.js';
import type { Db, Queryable, Tx } from '../db/db.js';
import { DEFAULT_CHARTER, parseCharter, requireMember } from '../councils/index.js';
import type { Alert, AlertKind } from './model.js';

const HOUR = 3_600_000;
export const ALERTS_TOPIC = 'monitor.alert';

/** The monitor fields of a body's charter (defaults filled). */
export function monitorCharter(charter: unknown): { tolerance: number; deadlineHours: number } {
  try {
    return parseCharter(charter ?? {}).monitor;
  } catch {
    return DEFAULT_CHARTER.monitor; // a stored charter was checked when it was set
  }
}

export interface NewAlert {
  enterpriseId: string;
  indicatorId: string;
  kind: AlertKind;
  day: string;
  detail: Record<string, unknown>;
}

/**
 * Opens alerts at the enterprise's workers' council, with the deadline of its charter.
 * A series with a live alert of the same kind gets no second one (the partial unique
 * key `alert_live_key`): the incident is already in someone's hands. Set-based; one audit
 * event and one live event per alert opened, in `tx`.
 */
export async function openAlerts(tx: Tx, ctx: Pick<Ctx, 'actor' | 'clock' | 'ids'>, alerts: readonly NewAlert[]): Promise<number> {
  if (!alerts.length) return 0;
  const now = ctx.clock.now();
  const bodies = [...new Set(alerts.map((a) => a.enterpriseId))];
  const charters = new Map((await tx.query<{ id: string; charter: unknown }>('select id, charter from body where id = any ($1::uuid[])', [bodies])).map((b) => [b.id, monitorCharter(b.charter)]));
  const ids = alerts.map(() => ctx.ids.uuid());
  const deadlines = alerts.map((a) => new Date(now.getTime() + (charters.get(a.enterpriseId) ?? DEFAULT_CHARTER.monitor).deadlineHours * HOUR).toISOString());
  const opened = await tx.query<{ id: string; at_body_id: string; kind: string; indicator_id: string; deadline: Date }>(
    `insert into alert (id, enterprise_id, indicator_id, kind, day, detail, at_body_id, level, status, opened_at, deadline)
     select u.id, u.body, u.indicator, u.kind, u.day, u.detail::jsonb, u.body, 0, 'open', $7::timestamptz, u.deadline
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::text[], $8::timestamptz[]) as u(id, body, indicator, kind, day, detail, deadline)
     on conflict (indicator_id, kind) where status <> 'acted' do nothing
     returning id, at_body_id, kind, indicator_id, deadline`,
    [ids, alerts.map((a) => a.enterpriseId), alerts.map((a) => a.indicatorId), alerts.map((a) => a.kind), alerts.map((a) => a.day), alerts.map((a) => JSON.stringify(a.detail)), now, deadlines],
  );
  if (!opened.length) return 0;
  await tx.query(
    `insert into alert_step (alert_id, level, body_id, at, deadline) select u.id, 0, u.body, $3::timestamptz, u.deadline from unnest($1::uuid[], $2::uuid[], $4::timestamptz[]) as u(id, body, deadline)`,
    [opened.map((o) => o.id), opened.map((o) => o.at_body_id), now, opened.map((o) => iso(o.deadline))],
  );
  const byId = new Map(alerts.map((a, i) => [ids[i]!, a]));
  await appendAuditMany(
    tx,
    ctx,
    opened.map((o) => ({ action: 'monitor.alert.open', subject: `alert:${o.id}`, payload: { ...byId.get(o.id)!, atBodyId: o.at_body_id, deadline: new Date(o.deadline).toISOString() } })),
  );
  for (const o of opened) await publish(tx, ALERTS_TOPIC, { alertId: o.id, bodyId: o.at_body_id, status: 'open', level: 0 });
  return opened.length;
}

interface AlertRow {
  id: string;
  enterprise_id: string;
  indicator_id: string | null;
  kind: AlertKind;
  day: string;
  detail: Record<string, unknown>;
  at_body_id: string;
  level: number;
  status: Alert['status'];
  opened_at: Date;
  deadline: Date | null;
  note: string | null;
}
const COLUMNS = `id, enterprise_id, indicator_id, kind, to_char(day, 'YYYY-MM-DD') as day, detail, at_body_id, level, status, opened_at, deadline, note`;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function withSteps(q: Queryable, rows: AlertRow[]): Promise<Alert[]> {
  const steps = rows.length
    ? await q.query<{ alert_id: string; level: number; body_id: string; at: Date; deadline: Date | null }>(
        'select alert_id, level, body_id, at, deadline from alert_step where alert_id = any ($1::uuid[]) order by alert_id, level',
        [rows.map((r) => r.id)],
      )
    : [];
  return rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterprise_id,
    indicatorId: r.indicator_id,
    kind: r.kind,
    day: r.day,
    detail: r.detail,
    atBodyId: r.at_body_id,
    level: r.level,
    status: r.status,
    openedAt: iso(r.opened_at)!,
    deadline: iso(r.deadline),
    note: r.note,
    steps: steps.filter((s) => s.alert_id === r.id).map((s) => ({ level: s.level, bodyId: s.body_id, at: iso(s.at)!, deadline: iso(s.deadline) })),
  }));
}

export async function getAlert(q: Queryable, id: string): Promise<Alert> {
  const rows = await q.query<AlertRow>(`select ${COLUMNS} from alert where id = $1`, [id]);
  if (!rows.length) throw problem.notFound('id', 'no such alert');
  return (await withSteps(q, rows))[0]!;
}

/** Alerts now at a body (its members' inbox) or about an enterprise; live ones unless `all`. */
export async function listAlerts(q: Queryable, filter: { bodyId?: string; enterpriseId?: string; all?: boolean }): Promise<Alert[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.bodyId) where.push(`at_body_id = $${params.push(filter.bodyId)}`);
  if (filter.enterpriseId) where.push(`enterprise_id = $${params.push(filter.enterpriseId)}`);
  if (!filter.all) where.push(`status <> 'acted'`);
  const rows = await q.query<AlertRow>(`select ${COLUMNS} from alert ${where.length ? `where ${where.join(' and ')}` : ''} order by opened_at desc, id limit 500`, params);
  return withSteps(q, rows);
}

/** A member of the body the alert is at says it is seen. The deadline still runs: only
 *  acting on it stops the climb. */
export async function acknowledgeAlert(ctx: Ctx, id: string): Promise<Alert> {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.query<{ at_body_id: string; status: string }>('select at_body_id, status from alert where id = $1 for update', [id]);
    if (!a) throw problem.notFound('id', 'no such alert');
    const person = await requireMember(tx, ctx.actor, a.at_body_id);
    if (a.status === 'open') {
      await tx.query(`update alert set status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3 where id = $1`, [id, ctx.clock.now(), person]);
      await appendAudit(tx, ctx, { action: 'monitor.alert.acknowledge', subject: `alert:${id}`, payload: { bodyId: a.at_body_id } });
      await publish(tx, ALERTS_TOPIC, { alertId: id, bodyId: a.at_body_id, status: 'acknowledged' });
    } else if (a.status === 'acted') throw problem.conflict('id', 'the alert has been acted on already', 'alert_closed');
    return getAlert(tx, id);
  });
}

/** A member of the body the alert is at records what was done: the alert is closed. */
export async function actOnAlert(ctx: Ctx, id: string, note: string): Promise<Alert> {
  if (!note.trim()) throw problem.invalid('note', 'say what was done');
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.query<{ at_body_id: string; status: string }>('select at_body_id, status from alert where id = $1 for update', [id]);
    if (!a) throw problem.notFound('id', 'no such alert');
    const person = await requireMember(tx, ctx.actor, a.at_body_id);
    if (a.status === 'acted') throw problem.conflict('id', 'the alert has been acted on already', 'alert_closed');
    const now = ctx.clock.now();
    await tx.query(
      `update alert set status = 'acted', acted_at = $2, acted_by = $3, note = $4, deadline = null,
              acknowledged_at = coalesce(acknowledged_at, $2), acknowledged_by = coalesce(acknowledged_by, $3) where id = $1`,
      [id, now, person, note.trim()],
    );
    await appendAudit(tx, ctx, { action: 'monitor.alert.act', subject: `alert:${id}`, payload: { bodyId: a.at_body_id, note: note.trim() } });
    await publish(tx, ALERTS_TOPIC, { alertId: id, bodyId: a.at_body_id, status: 'acted' });
    return getAlert(tx, id);
  });
}

const BATCH = 1000;

/**
 * Moves every alert past its deadline and not acted on one step up the federation: to the
 * parent body of the one it is at (workers' council → district cordón → region → national
 * assembly), with the deadline of that body's charter. At a body with no parent the
 * deadline is cleared: it stays there, escalated as far as it goes. Batches of rows
 * locked with SKIP LOCKED, so several servers sweep at once and each alert moves once;
 * the state is all in the database, so a restart loses nothing. One audit event and one
 * live event per step, in the step's transaction.
 */
export async function sweepEscalations(db: Db, clock: Clock, ids: IdSource): Promise<number> {
  const ctx = { actor: systemActor('monitor'), clock, ids };
  let moved = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const now = clock.now();
      const rows = await tx.query<{ id: string; from_body: string; to_body: string | null; level: number; deadline: Date | null }>(
        `with due as (
           select a.id, a.at_body_id as from_body, b.parent_id from alert a join body b on b.id = a.at_body_id
            where a.status <> 'acted' and a.deadline <= $1 order by a.deadline limit $2 for update of a skip locked)
         update alert a set at_body_id = coalesce(d.parent_id, a.at_body_id),
                level = a.level + case when d.parent_id is null then 0 else 1 end,
                deadline = case when d.parent_id is null then null
                                else $1::timestamptz + make_interval(hours => coalesce((p.charter -> 'monitor' ->> 'deadlineHours')::int, $3)) end
           from due d left join body p on p.id = d.parent_id
          where a.id = d.id
         returning a.id, d.from_body, d.parent_id as to_body, a.level, a.deadline`,
        [now, BATCH, DEFAULT_CHARTER.monitor.deadlineHours],
      );
      const up = rows.filter((r) => r.to_body !== null);
      if (up.length)
        await tx.query(
          `insert into alert_step (alert_id, level, body_id, at, deadline) select u.id, u.level, u.body, $4::timestamptz, u.deadline from unnest($1::uuid[], $2::int[], $3::uuid[], $5::timestamptz[]) as u(id, level, body, deadline)`,
          [up.map((r) => r.id), up.map((r) => r.level), up.map((r) => r.to_body), now, up.map((r) => iso(r.deadline))],
        );
      await appendAuditMany(
        tx,
        ctx,
        rows.map((r) => ({
          action: r.to_body ? 'monitor.alert.escalate' : 'monitor.alert.top',
          subject: `alert:${r.id}`,
          payload: { from: r.from_body, to: r.to_body, level: r.level, deadline: iso(r.deadline) },
        })),
      );
      for (const r of rows) await publish(tx, ALERTS_TOPIC, { alertId: r.id, bodyId: r.to_body ?? r.from_body, status: 'escalated', level: r.level });
      return rows.length;
    });
    moved += done;
    if (done < BATCH) return moved;
  }
}

/**
 * Opens a `late` alert for each indicator with no report for yesterday (UTC) once
 * yesterday is over: a device that went quiet is news too. Indicators created today are
 * not yet due. Idempotent (one live late alert per series), safe on every server.
 */
export async function sweepLateReports(db: Db, clock: Clock, ids: IdSource): Promise<number> {
  const ctx = { actor: systemActor('monitor'), clock, ids };
  const today = clock.now().toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const missing = await tx.query<{ id: string; body_id: string; last: string | null }>(
      `select i.id, i.body_id, (select to_char(max(r.day), 'YYYY-MM-DD') from report r where r.indicator_id = i.id) as last
         from indicator i
        where i.created_at < $1::date
          and not exists (select 1 from report r where r.indicator_id = i.id and r.day = $1::date - 1)
          and not exists (select 1 from alert a where a.indicator_id = i.id and a.kind = 'late' and a.status <> 'acted')`,
      [today],
    );
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return openAlerts(tx, ctx, missing.map((m) => ({ enterpriseId: m.body_id, indicatorId: m.id, kind: 'late' as const, day: yesterday, detail: { lastReported: m.last } })));
  });
}

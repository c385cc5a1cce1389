import { appendAudit } from '../core/audit/index.js';
import type { Clock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { publish } from '../core/events.js';
import type { IdSource } from '../core/ids.js';
import { personOf, systemActor } from '../core/actor.js';
import { problem } from '../core/problem.js';
import type { Db } from '../db/db.js';
import { parseCharter } from './charter.js';
import * as seats from './seats-store.js';

/** The delegate reports back to the base that sent them. */
export async function reportBack(ctx: Ctx, seatId: string, text: string): Promise<{ id: string }> {
  if (!text.trim()) throw problem.invalid('text', 'must not be empty');
  return ctx.db.transaction(async (tx) => {
    const seat = await seats.seatById(tx, seatId);
    if (!seat) throw problem.notFound('seatId', 'no such seat');
    if (!seat.holder_id || seat.holder_id !== personOf(ctx.actor)) throw problem.forbidden('only the delegate holding this seat reports back for it', 'not_delegate');
    const id = ctx.ids.uuid();
    await tx.query('insert into report_back (id, term_id, text, at) values ($1, $2, $3, $4)', [id, seat.term_id, text, ctx.clock.now()]);
    await appendAudit(tx, ctx, { action: 'seat.report_back', subject: `seat:${seatId}`, payload: { id, text } });
    await publish(tx, 'councils.report_back', { bodyId: seat.constituency_id, seatId });
    return { id };
  });
}

/**
 * Raises a notice to the base for every delegate whose charter's report-back period has
 * passed without a report — once per period (a unique key makes a second raise a no-op,
 * so every server process may run this sweep).
 */
export async function sweepReportBacks(db: Db, clock: Clock, ids: IdSource): Promise<number> {
  const now = clock.now();
  const terms = await db.query<{ term_id: string; seat_id: string; constituency_id: string; charter: Record<string, unknown>; started_at: Date; last: Date | null; person_id: string }>(
    `select t.id as term_id, s.id as seat_id, s.constituency_id, b.charter, t.started_at, t.person_id,
            (select max(r.at) from report_back r where r.term_id = t.id) as last
     from seat s join seat_term t on t.id = s.term_id join body b on b.id = s.constituency_id
     where b.charter ? 'reportBackDays' and b.charter->'reportBackDays' <> 'null'::jsonb`,
  );
  let raised = 0;
  for (const t of terms) {
    const days = parseCharter(t.charter).reportBackDays;
    if (!days) continue;
    const since = (t.last ?? t.started_at).getTime();
    if (now.getTime() - since <= days * 86_400_000) continue;
    const period = Math.floor((now.getTime() - t.started_at.getTime()) / (days * 86_400_000));
    await db.transaction(async (tx) => {
      const rows = await tx.query(
        `insert into notice (id, body_id, kind, subject, detail, at) values ($1, $2, 'report_back_missed', $3, $4::text::jsonb, $5)
         on conflict do nothing returning id`,
        [ids.uuid(), t.constituency_id, `term:${t.term_id}:${period}`, JSON.stringify({ seatId: t.seat_id, delegate: t.person_id, lastReport: t.last, days }), now],
      );
      if (!rows.length) return;
      raised++;
      await appendAudit(tx, { actor: systemActor('report-back'), clock, ids }, { action: 'notice.report_back_missed', subject: `body:${t.constituency_id}`, payload: { seatId: t.seat_id, delegate: t.person_id } });
      await publish(tx, 'councils.notice', { bodyId: t.constituency_id, kind: 'report_back_missed', seatId: t.seat_id });
    });
  }
  return raised;
}

export async function noticesOf(ctx: Ctx, bodyId: string) {
  const rows = await ctx.db.query<{ id: string; kind: string; detail: unknown; at: Date }>('select id, kind, detail, at from notice where body_id = $1 order by at desc limit 200', [bodyId]);
  return rows.map((r) => ({ id: r.id, kind: r.kind, detail: r.detail, at: r.at.toISOString() }));
}

import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { publish } from '../core/events.js';
import { problem } from '../core/problem.js';
import type { Tx } from '../db/db.js';
import { requireAdmin } from '../people/index.js';
import { isMember, requireMember } from './access.js';
import { parseCharter, recallThreshold, seatCount, type Charter } from './charter.js';
import * as seats from './seats-store.js';
import * as store from './store.js';

/** Creates the seats a body sends to its parent, as many as its charter says for its
 *  current membership (never removes seats). Returns the seats. */
export async function ensureSeats(tx: Tx, ctx: Pick<Ctx, 'ids' | 'clock' | 'actor'>, constituencyId: string): Promise<seats.SeatRow[]> {
  const body = await store.bodyById(tx, constituencyId);
  if (!body) throw problem.notFound('bodyId', 'no such body');
  if (!body.parentId) throw problem.invalid('bodyId', 'this body has no parent to send delegates to', 'no_parent');
  const charter = parseCharter(body.charter);
  const existing = await seats.seatsOf(tx, constituencyId);
  const wanted = seatCount(charter, await seats.memberCount(tx, constituencyId));
  const add = Array.from({ length: Math.max(0, wanted - existing.length) }, (_, i) => ({
    id: ctx.ids.uuid(),
    constituencyId,
    bodyId: body.parentId!,
    number: existing.length + i + 1,
  }));
  await seats.insertSeats(tx, add);
  if (add.length) await appendAudit(tx, ctx, { action: 'seat.create', subject: `body:${constituencyId}`, payload: { seats: add.map((s) => s.id) } });
  return add.length ? seats.seatsOf(tx, constituencyId) : existing;
}

export interface RecallOutcome {
  withdrawals: number;
  threshold: number;
  /** Under the petition rule: the recall vote the petition opened. */
  recallVote?: string;
  /** Seats vacated: the recalled one first, then those lost in the cascade up the levels. */
  vacated: { seatId: string; bodyId: string }[];
  /** By-elections opened for the vacated seats (a seat won by STV is refilled by countback instead). */
  byElections: string[];
}

type RefillSeat = (tx: Tx, ctx: Ctx, seat: seats.SeatRow) => Promise<string | null>;
type OpenRecallVote = (tx: Tx, ctx: Ctx, seat: seats.SeatRow, charter: Charter) => Promise<string>;

/**
 * A member withdraws confidence from their constituency's delegate. When withdrawals
 * reach the charter's threshold (default: an absolute majority of the constituency),
 * the mandate ends at once: the seat is vacated, the delegate leaves the body above and
 * every seat they held further up (cascade), and a by-election opens for each seat —
 * all in this one transaction.
 */
export async function withdrawConfidence(ctx: Ctx, seatId: string, refillSeat: RefillSeat, openRecallVote: OpenRecallVote): Promise<RecallOutcome> {
  return ctx.db.transaction(async (tx) => {
    const seat = await seats.seatById(tx, seatId, true);
    if (!seat) throw problem.notFound('seatId', 'no such seat');
    const person = await requireMember(tx, ctx.actor, seat.constituency_id);
    if (!seat.holder_id || !seat.term_id) throw problem.conflict('seatId', 'the seat is vacant: there is no delegate to recall', 'seat_vacant');
    const body = await store.bodyById(tx, seat.constituency_id);
    const charter = parseCharter(body!.charter);
    if (charter.petition) {
      const [last] = await tx.query<{ closes_at: Date }>(
        `select closes_at from motion where recall_term_id = $1 and status = 'closed' order by closes_at desc limit 1`,
        [seat.term_id],
      );
      const until = last ? last.closes_at.getTime() + charter.petition.cooldownDays * 86_400_000 : 0;
      if (ctx.clock.now().getTime() < until)
        throw problem.conflict('seatId', `a recall vote on this delegate failed; a new petition counts from ${new Date(until).toISOString().slice(0, 10)}`, 'recall_cooldown');
    }
    const inserted = await tx.query(
      `insert into confidence_withdrawal (term_id, person_id, withdrawn_at) values ($1, $2, $3)
       on conflict do nothing returning person_id`,
      [seat.term_id, person, ctx.clock.now()],
    );
    if (!inserted.length) throw problem.conflict('seatId', 'you have already withdrawn your confidence from this delegate', 'already_withdrawn');
    await appendAudit(tx, ctx, { action: 'seat.confidence.withdraw', subject: `seat:${seatId}`, payload: { term: seat.term_id } });
    await publish(tx, 'councils.confidence', { seatId, bodyId: seat.constituency_id });
    const threshold = recallThreshold(charter, await seats.memberCount(tx, seat.constituency_id));
    const count = await seats.withdrawals(tx, seat.term_id);
    const outcome: RecallOutcome = { withdrawals: count, threshold, vacated: [], byElections: [] };
    if (count >= threshold && charter.petition) {
      // the petition is complete: a recall vote opens (once; an open one is not doubled)
      const [open] = await tx.query<{ id: string }>(`select id from motion where recall_term_id = $1 and status = 'open'`, [seat.term_id]);
      if (open) outcome.recallVote = open.id;
      else outcome.recallVote = await openRecallVote(tx, ctx, seat, charter);
      return outcome;
    }
    if (count >= threshold) {
      const vacated = await seats.vacateCascade(tx, seatId, 'recalled by the constituency', ctx.clock.now());
      outcome.vacated = vacated.map((s) => ({ seatId: s.id, bodyId: s.body_id }));
      await appendAudit(tx, ctx, {
        action: 'seat.recall',
        subject: `seat:${seatId}`,
        payload: { delegate: seat.holder_id, withdrawals: count, threshold, vacated: outcome.vacated },
      });
      for (const s of vacated) {
        const by = await refillSeat(tx, ctx, s);
        if (by) outcome.byElections.push(by);
      }
      await publish(tx, 'councils.recall', { seatId, vacated: outcome.vacated.map((v) => v.seatId) });
    }
    return outcome;
  });
}

/** A member restores the confidence they had withdrawn (before the threshold is reached). */
export async function restoreConfidence(ctx: Ctx, seatId: string): Promise<{ withdrawals: number }> {
  return ctx.db.transaction(async (tx) => {
    const seat = await seats.seatById(tx, seatId, true);
    if (!seat) throw problem.notFound('seatId', 'no such seat');
    const person = await requireMember(tx, ctx.actor, seat.constituency_id);
    const deleted = seat.term_id
      ? await tx.query('delete from confidence_withdrawal where term_id = $1 and person_id = $2 returning person_id', [seat.term_id, person])
      : [];
    if (!deleted.length) throw problem.conflict('seatId', 'you have not withdrawn confidence from this delegate', 'not_withdrawn');
    await appendAudit(tx, ctx, { action: 'seat.confidence.restore', subject: `seat:${seatId}`, payload: { term: seat.term_id } });
    await publish(tx, 'councils.confidence', { seatId, bodyId: seat.constituency_id });
    return { withdrawals: await seats.withdrawals(tx, seat.term_id!) };
  });
}

/**
 * Records who already holds a seat when a federation that exists outside Cordón is
 * brought in (administrators only; audited). Elections fill seats from then on.
 */
export async function recordDelegate(ctx: Ctx, input: { seatId: string; personId: string }): Promise<void> {
  requireAdmin(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const seat = await seats.seatById(tx, input.seatId, true);
    if (!seat) throw problem.notFound('seatId', 'no such seat');
    if (seat.holder_id) throw problem.conflict('seatId', 'the seat is held', 'seat_held');
    if (!(await isMember(tx, input.personId, seat.constituency_id))) throw problem.invalid('personId', 'must be a member of the body the seat belongs to', 'not_member');
    await seats.startTerm(tx, { termId: ctx.ids.uuid(), seatId: seat.id, personId: input.personId, electionId: null, at: ctx.clock.now() });
    await appendAudit(tx, ctx, { action: 'seat.record', subject: `seat:${seat.id}`, payload: { personId: input.personId } });
  });
}

/** Creates the seats a body sends up (see `ensureSeats`), in its own transaction. */
export async function createSeats(ctx: Ctx, constituencyId: string): Promise<seats.SeatRow[]> {
  requireAdmin(ctx.actor);
  return ctx.db.transaction((tx) => ensureSeats(tx, ctx, constituencyId));
}

import { anonymous, personOf, systemActor } from '../core/actor.js';
import { appendAudit, auditValues } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { publish } from '../core/events.js';
import { problem } from '../core/problem.js';
import { Batcher, batchSlots, perDb } from '../db/batch.js';
import type { Db, Queryable, Tx } from '../db/db.js';
import type { Clock } from '../core/clock.js';
import type { IdSource } from '../core/ids.js';
import { isAdminActor } from '../people/index.js';
import { holdsOffice, isMember, requireMember } from './access.js';
import { parseCharter, type Charter } from './charter.js';
import { countSchulze } from './counting/index.js';
import { refillSeat } from './elections.js';
import { flushHeld, MIX_AT } from './mixer.js';
import * as ms from './motions-store.js';
import { newReceipt, receiptHash } from './receipts.js';
import * as seats from './seats-store.js';
import * as store from './store.js';
import { tallyChoice } from './tally.js';
import { runCloseHandlers } from './close-hooks.js';

/** Bodies whose members are delegates: their votes follow the charter's `secrecy.delegates`
 *  (roll-call by default); every other body's follow `secrecy.members` (secret by default). */
const DELEGATE_KINDS = new Set(['cordon', 'regional', 'national_assembly']);
const ONE = 100; // weights are hundredths of a vote

export interface NewMotion {
  bodyId: string;
  title: string;
  text: string;
  /** Default yes / no / abstain. */
  options?: string[];
  /** `choice`: one option each, decided by majority; `ranking`: rank the options, Schulze. */
  kind?: 'choice' | 'ranking';
  /** Majority of votes cast (default) or of the members entitled to vote. */
  base?: 'cast' | 'members';
  /** The share the leading option must exceed: 0.5 a simple majority, 2/3 a qualified one. */
  threshold?: number;
  /** Default: the body's charter. */
  quorum?: number;
  secret?: boolean;
  days?: number;
  amends?: string;
  /** Elect a member to an office: adopted ("yes"), they take it. */
  grantsOffice?: { title: string; personId: string };
}

/** Any member may put a motion to their body. */
export async function proposeMotion(ctx: Ctx, input: NewMotion): Promise<ms.MotionRow> {
  return ctx.db.transaction(async (tx) => {
    const body = await store.bodyById(tx, input.bodyId);
    if (!body) throw problem.notFound('bodyId', 'no such body');
    await requireMember(tx, ctx.actor, body.id);
    return insertMotion(tx, ctx, body, input, null);
  });
}

/** `proposeMotion` inside the caller's transaction, for a module that records what the
 *  motion is about in the same transaction (the plan's variant sets). */
export async function proposeMotionIn(tx: Tx, ctx: Ctx, input: NewMotion): Promise<ms.MotionRow> {
  const body = await store.bodyById(tx, input.bodyId);
  if (!body) throw problem.notFound('bodyId', 'no such body');
  await requireMember(tx, ctx.actor, body.id);
  return insertMotion(tx, ctx, body, input, null);
}

export async function insertMotion(
  tx: Tx,
  ctx: Ctx,
  body: NonNullable<Awaited<ReturnType<typeof store.bodyById>>>,
  input: NewMotion,
  forwardedFrom: string | null,
  recallTermId: string | null = null,
) {
  const options = input.options ?? ['yes', 'no', 'abstain'];
  if (options.length < 2 || new Set(options).size !== options.length) throw problem.invalid('options', 'give at least two different options');
  const threshold = input.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold < 1)) throw problem.invalid('threshold', 'must be a share from 0 up to (not including) 1');
  const charter = parseCharter(body.charter);
  const now = ctx.clock.now();
  const closesAt = new Date(now.getTime() + (input.days ?? charter.electionDays) * 86_400_000);
  if (input.amends) {
    // locks out votes being cast on it at this moment (see migration 0008)
    const amended = await ms.motionById(tx, input.amends, true);
    if (!amended || amended.body_id !== body.id || amended.status !== 'open') throw problem.invalid('amends', 'must be an open motion of the same body');
    if (amended.recall_term_id || amended.grants_office || amended.amends) throw problem.invalid('amends', 'a recall vote, an election to office or an amendment cannot be amended');
    if (input.options || (input.kind && input.kind !== 'choice') || input.grantsOffice) throw problem.invalid('amends', 'an amendment is decided yes / no / abstain');
    if (!input.text.trim() || input.text === amended.text) throw problem.invalid('text', "an amendment's text is the new text of the motion it amends, and must differ from it");
    if (await ms.hasVotes(tx, amended.id)) throw problem.conflict('amends', 'voting on this motion has begun; it can no longer be amended', 'voting_started');
    if (closesAt > amended.closes_at) throw problem.invalid('days', `an amendment must be settled before the motion closes (${amended.closes_at.toISOString()})`);
  }
  if (input.grantsOffice) {
    if (!/^[a-z][a-z_]{1,40}$/.test(input.grantsOffice.title)) throw problem.invalid('grantsOffice/title', 'lower-case words joined by _, e.g. chair');
    if (!(await isMember(tx, input.grantsOffice.personId, body.id))) throw problem.invalid('grantsOffice/personId', 'must be a member of the body', 'not_member');
    if (input.options || (input.kind && input.kind !== 'choice')) throw problem.invalid('grantsOffice', 'an office is given by a yes/no/abstain motion');
  }
  const row = {
    id: ctx.ids.uuid(),
    body_id: body.id,
    title: input.title.trim(),
    text: input.text,
    options,
    kind: input.kind ?? 'choice',
    base: input.base ?? 'cast',
    threshold,
    quorum: input.quorum ?? charter.quorum,
    secret: input.secret ?? (DELEGATE_KINDS.has(body.kind) ? charter.secrecy.delegates : charter.secrecy.members) === 'secret',
    opens_at: now,
    closes_at: closesAt,
    forwarded_from: forwardedFrom,
    amends: input.amends ?? null,
    created_at: now,
    recall_term_id: recallTermId,
    grants_office: input.grantsOffice ?? null,
  };
  if (!row.title) throw problem.invalid('title', 'must not be empty');
  await ms.insertMotion(tx, row);
  await appendAudit(tx, ctx, { action: 'motion.propose', subject: `motion:${row.id}`, payload: { body: body.id, title: row.title, options, kind: row.kind, secret: row.secret, forwardedFrom } });
  await publish(tx, 'councils.motion', { motionId: row.id, bodyId: body.id });
  return (await ms.motionById(tx, row.id))!;
}

/** A delegate's weight: one vote, or — by the sending body's charter — the size of the
 *  constituency, split evenly among the delegates it sends. A base member has one vote.
 *  Refuses anyone who is neither a member nor seated in the body. */
async function weightOf(tx: Tx, actor: Ctx['actor'], bodyId: string): Promise<{ voter: string; weight: number; seat: seats.SeatRow | null }> {
  const voter = personOf(actor);
  if (!voter) throw problem.unauthenticated('sign in first');
  const place = await ms.votingPlace(tx, bodyId, voter);
  if (!place.seat_id) {
    if (!place.base_member) throw problem.forbidden('only members of this body may do this', 'not_member');
    return { voter, weight: ONE, seat: null };
  }
  const seat = (await seats.seatById(tx, place.seat_id))!;
  if (place.weighting !== 'constituency') return { voter, weight: ONE, seat };
  const members = await seats.memberCount(tx, seat.constituency_id);
  const delegation = (await seats.seatsOf(tx, seat.constituency_id)).length;
  return { voter, weight: Math.max(1, Math.round((members * ONE) / delegation)), seat };
}

// Motions are read on every vote; what a vote checks of them never changes while they
// are open (a motion closes only after its window, which every vote checks, and the
// database refuses votes on a closed motion), so each process keeps the open ones.
const openMotions = new Map<string, ms.MotionRow>();
async function openMotion(tx: Queryable, id: string): Promise<ms.MotionRow | undefined> {
  const hit = openMotions.get(id);
  if (hit) return hit;
  const m = await ms.motionById(tx, id);
  if (m?.status === 'open') {
    if (openMotions.size > 50_000) openMotions.clear();
    openMotions.set(id, m);
  }
  return m;
}

// Secret votes of base members are the mass case: concurrent ones are written together
// (one statement, one commit), which also blurs which voter's mark goes with which ballot.
const ballots = perDb((db: Db) =>
  new Batcher<ms.SecretBallot, { member: boolean; seated: boolean; cast: boolean }>(
    (items) => ms.castSecretAsMembers(db, items, MIX_AT),
    (b) => ms.castSecretAsMember(db, b, b.audit),
    { maxBatch: 200, slots: batchSlots(db), key: (b) => `${b.motionId}:${b.personId}` },
  ),
);

/** How the batched secret votes went on this database handle (tests, metrics). */
export const secretBallotStats = (db: Db) => ballots(db).stats;

export interface VoteInput {
  choice?: number;
  ranking?: number[];
}

/**
 * Votes on a motion. Secret motions keep the voter and the vote apart and return a
 * receipt; roll-call votes are recorded by name and checked against the imperative
 * mandate of the delegate's base: a breach is flagged to the base and, if its charter
 * says so, ends the mandate at once.
 */
function checkVote(m: ms.MotionRow, input: VoteInput, now: Date): { choice: number | null; ranking: number[] | null } {
  if (m.status !== 'open' || now < m.opens_at || now >= m.closes_at) throw problem.conflict('motionId', 'the vote is not open now', 'outside_window');
  if (m.kind === 'choice') {
    if (input.choice === undefined || input.ranking !== undefined) throw problem.invalid('choice', 'give the index of one option (and no ranking)');
    if (!Number.isInteger(input.choice) || input.choice < 0 || input.choice >= m.options.length) throw problem.invalid('choice', `must be an option index 0–${m.options.length - 1}`);
    return { choice: input.choice, ranking: null };
  }
  const r = input.ranking;
  if (!r || input.choice !== undefined || r.length === 0) throw problem.invalid('ranking', 'rank the options by index (and give no choice)');
  if (new Set(r).size !== r.length || r.some((i) => !Number.isInteger(i) || i < 0 || i >= m.options.length))
    throw problem.invalid('ranking', `must list distinct option indexes 0–${m.options.length - 1}`);
  return { choice: null, ranking: r };
}

export async function voteMotion(ctx: Ctx, motionId: string, input: VoteInput): Promise<{ receipt?: string; breach?: boolean; recalled?: boolean }> {
  // The mass case — a base member's secret vote — is one statement, so one round trip.
  const first = await openMotion(ctx.db, motionId);
  const voter = personOf(ctx.actor);
  if (first?.secret && voter) {
    const { choice, ranking } = checkVote(first, input, ctx.clock.now());
    const { receipt, hash } = newReceipt(ctx.ids);
    // the ballot is held, to be mixed: its own audit event (with the receipt) comes with the mix
    const audit = auditValues({ ...ctx, actor: anonymous }, { action: 'motion.ballot_held', subject: `motion:${motionId}`, payload: {} });
    // a random (not time-ordered) id, so the ballot's row says nothing of when it was cast
    const r = await ballots(ctx.db).submit({ bodyId: first.body_id, personId: voter, motionId, ballotId: crypto.randomUUID(), choice, ranking, receiptHash: hash, audit });
    if (!r.seated) {
      if (!r.member) throw problem.forbidden('only members of this body may do this', 'not_member');
      if (!r.cast) throw problem.conflict('motionId', 'you have already voted on this motion', 'already_voted');
      return { receipt };
    }
  }
  return ctx.db.transaction(async (tx) => {
    const m = await openMotion(tx, motionId);
    if (!m) throw problem.notFound('motionId', 'no such motion');
    const now = ctx.clock.now();
    const { choice, ranking } = checkVote(m, input, now);
    const { voter, weight, seat } = await weightOf(tx, ctx.actor, m.body_id);
    if (m.secret) {
      const { receipt, hash } = newReceipt(ctx.ids);
      if (!(await ms.castSecret(tx, { id: crypto.randomUUID(), motionId, personId: voter, weight, choice, ranking, receiptHash: hash })))
        throw problem.conflict('motionId', 'you have already voted on this motion', 'already_voted');
      await appendAudit(tx, { ...ctx, actor: anonymous }, { action: 'motion.ballot_held', subject: `motion:${motionId}`, payload: {} });
      return { receipt };
    }
    if (!(await ms.insertVote(tx, { motionId, personId: voter, seatId: seat?.id ?? null, weight, choice, ranking, at: now })))
      throw problem.conflict('motionId', 'you have already voted on this motion', 'already_voted');
    await appendAudit(tx, ctx, { action: 'motion.vote', subject: `motion:${motionId}`, payload: { choice, ranking, weight } });
    if (!seat || choice === null) return {};
    const mandate = await ms.mandateFor(tx, seat.constituency_id, motionId);
    if (!mandate || mandate.choice === choice) return {};
    await tx.query('insert into mandate_breach (mandate_id, person_id, seat_id, voted, at) values ($1, $2, $3, $4, $5) on conflict do nothing', [mandate.id, voter, seat.id, choice, now]);
    await appendAudit(tx, ctx, { action: 'mandate.breach', subject: `body:${seat.constituency_id}`, payload: { mandate: mandate.id, delegate: voter, instructed: mandate.choice, voted: choice } });
    await publish(tx, 'councils.mandate_breach', { bodyId: seat.constituency_id, motionId, delegate: voter });
    const base = await store.bodyById(tx, seat.constituency_id);
    if (!parseCharter(base!.charter).recallOnMandateBreach) return { breach: true };
    const vacated = await seats.vacateCascade(tx, seat.id, 'voted against the imperative mandate', now);
    await appendAudit(tx, ctx, { action: 'seat.recall', subject: `seat:${seat.id}`, payload: { delegate: voter, reason: 'mandate breach', vacated: vacated.map((v) => v.id) } });
    for (const v of vacated) await refillSeat(tx, ctx, v);
    return { breach: true, recalled: true };
  });
}

/** Closes a motion after its window and records the result, which is final. */
export async function closeMotion(ctx: Ctx, motionId: string) {
  return ctx.db.transaction(async (tx) => {
    const m = await ms.motionById(tx, motionId, true);
    if (!m) throw problem.notFound('motionId', 'no such motion');
    if (m.status === 'closed') throw problem.conflict('motionId', 'already closed; results are final', 'already_closed');
    if (ctx.clock.now() < m.closes_at) throw problem.conflict('motionId', 'the vote has not closed yet', 'not_closed');
    return closeLocked(tx, ctx, m);
  });
}

/**
 * Closes every motion whose window has passed (amendments first, so that an adopted
 * one is applied before anything else happens to the motion it amends). Rows another
 * process is closing are skipped, so every server process may run this sweep.
 */
export async function sweepDueMotions(db: Db, clock: Clock, ids: IdSource, log: Ctx['log']): Promise<number> {
  const ctx: Ctx = { actor: systemActor('motions'), clock, ids, db, log };
  let closed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx.query<{ id: string }>(
        `select id from motion where status = 'open' and closes_at <= $1 order by (amends is null), closes_at limit 50 for update skip locked`,
        [clock.now()],
      );
      for (const d of due) await closeLocked(tx, ctx, (await ms.motionById(tx, d.id))!);
      return due.length;
    });
    closed += done;
    if (done < 50) return closed;
  }
}

async function closeLocked(tx: Tx, ctx: Ctx, m: ms.MotionRow) {
  const motionId = m.id;
  // the ballots still held are counted: mix them in first, however few
  if (m.secret) await flushHeld(tx, ctx, 'motion', motionId);
  // an amendment still open when its motion closes is settled first (its window ended no later)
  for (const a of await tx.query<{ id: string }>(`select id from motion where amends = $1 and status = 'open' for update`, [motionId])) await closeLocked(tx, ctx, (await ms.motionById(tx, a.id))!);
  // entitled at close: the members of a base body, or the weight of the delegates seated
  const holders = await tx.query<{ holder_id: string }>('select holder_id from seat where body_id = $1 and holder_id is not null', [m.body_id]);
  let entitled = (await tx.query<{ n: number }>('select count(*)::int8 as n from membership where body_id = $1 and until is null', [m.body_id]))[0]!.n * ONE;
  for (const h of holders) entitled += (await weightOf(tx, { kind: 'person', id: h.holder_id, isAdmin: false }, m.body_id)).weight;
  const votes = await ms.votesOf(tx, motionId);
  const result =
    m.kind === 'choice'
      ? { rule: { base: m.base, threshold: m.threshold, quorum: m.quorum }, options: m.options, ...tallyChoice(votes.map((v) => ({ choice: v.choice!, weight: v.weight })), m.options, m, entitled) }
      : rankingResult(m, votes, entitled);
  await ms.closeMotion(tx, motionId, result);
  openMotions.delete(motionId);
  await appendAudit(tx, ctx, { action: 'motion.close', subject: `motion:${motionId}`, payload: result });
  if (m.recall_term_id) await settleRecallVote(tx, ctx, m.recall_term_id, result.adopted === 0);
  if (m.grants_office && result.adopted === 0) await giveOfficeByVote(tx, ctx, m);
  if (m.amends && result.adopted === 0) await applyAmendment(tx, ctx, m);
  await runCloseHandlers(tx, ctx, { id: m.id, bodyId: m.body_id, title: m.title, options: m.options, adopted: result.adopted });
  await publish(tx, 'councils.motion', { motionId, status: 'closed' });
  return { ...m, status: 'closed' as const, result };
}

function rankingResult(m: ms.MotionRow, votes: { weight: number; ranking: number[] | null }[], entitled: number) {
  // Schulze over weighted rankings: a weight in hundredths counts as that many papers
  const r = countSchulze(
    {
      candidates: m.options,
      seats: m.options.length,
      withdrawn: [],
      groups: votes.map((v) => ({ ranking: Int32Array.from(v.ranking ?? []), count: v.weight })),
      ballots: votes.reduce((a, v) => a + v.weight, 0),
      title: m.title,
    },
    0,
  );
  const cast = votes.reduce((a, v) => a + v.weight, 0);
  const quorate = cast >= m.quorum * entitled;
  return { rule: { method: 'schulze', quorum: m.quorum }, options: m.options, order: r.elected, cast, entitled, quorate, adopted: quorate ? m.options.indexOf(r.elected[0]!) : null, tieBreaks: r.tieBreaks };
}

/** A recall vote has closed: "yes" adopted ends the mandate (with the cascade and
 *  by-elections); otherwise the petition is spent and the cooldown begins. */
async function settleRecallVote(tx: Tx, ctx: Ctx, termId: string, removed: boolean): Promise<void> {
  const [term] = await tx.query<{ seat_id: string; ended_at: Date | null; person_id: string }>('select seat_id, ended_at, person_id from seat_term where id = $1', [termId]);
  if (!term || term.ended_at) return; // the mandate already ended another way
  if (!removed) {
    await tx.query('delete from confidence_withdrawal where term_id = $1', [termId]);
    await appendAudit(tx, ctx, { action: 'seat.recall_failed', subject: `seat:${term.seat_id}`, payload: { term: termId } });
    return;
  }
  const vacated = await seats.vacateCascade(tx, term.seat_id, 'removed by recall vote', ctx.clock.now());
  await appendAudit(tx, ctx, { action: 'seat.recall', subject: `seat:${term.seat_id}`, payload: { delegate: term.person_id, reason: 'recall vote', vacated: vacated.map((v) => v.id) } });
  for (const v of vacated) await refillSeat(tx, ctx, v);
  await publish(tx, 'councils.recall', { seatId: term.seat_id, vacated: vacated.map((v) => v.id) });
}

/** An adopted amendment: its text becomes the amended motion's text (which, by the
 *  rules of migration 0008, has no votes yet). The old text is kept. */
async function applyAmendment(tx: Tx, ctx: Ctx, amendment: ms.MotionRow): Promise<void> {
  const target = await ms.motionById(tx, amendment.amends!, true);
  if (!target || target.status !== 'open') return;
  await tx.query('update motion set text = $2 where id = $1', [target.id, amendment.text]);
  await tx.query('insert into motion_amendment (amendment_id, motion_id, old_text, new_text, applied_at) values ($1, $2, $3, $4, $5)', [
    amendment.id,
    target.id,
    target.text,
    amendment.text,
    ctx.clock.now(),
  ]);
  openMotions.delete(target.id);
  await appendAudit(tx, ctx, { action: 'motion.amend', subject: `motion:${target.id}`, payload: { amendment: amendment.id, text: amendment.text } });
  await publish(tx, 'councils.motion', { motionId: target.id, amendedBy: amendment.id });
}

/** An adopted office motion: the member takes the office, if still a member and not holding it. */
async function giveOfficeByVote(tx: Tx, ctx: Ctx, m: ms.MotionRow): Promise<void> {
  const { title, personId } = m.grants_office!;
  if (!(await isMember(tx, personId, m.body_id))) return;
  // a body has one chair: electing a new one ends the old one's office
  if (title === 'chair')
    await tx.query(`update office set until = $3 where body_id = $1 and title = 'chair' and person_id <> $2 and until is null`, [m.body_id, personId, ctx.clock.now()]);
  const rows = await tx.query(
    `insert into office (id, body_id, person_id, title, since) values ($1, $2, $3, $4, $5)
     on conflict (body_id, person_id, title) where until is null do nothing returning id`,
    [ctx.ids.uuid(), m.body_id, personId, title, ctx.clock.now()],
  );
  if (rows.length) await appendAudit(tx, ctx, { action: 'body.office.grant', subject: `body:${m.body_id}`, payload: { personId, title, byMotion: m.id } });
}

/** The chair forwards an adopted motion to the parent body, as a new motion there. */
export async function forwardMotion(ctx: Ctx, motionId: string) {
  return ctx.db.transaction(async (tx) => {
    const m = await ms.motionById(tx, motionId);
    if (!m) throw problem.notFound('motionId', 'no such motion');
    await requireChairOf(tx, ctx, m.body_id);
    if (m.status !== 'closed' || (m.result as { adopted: number | null }).adopted === null) throw problem.conflict('motionId', 'only an adopted motion can be forwarded', 'not_adopted');
    const body = await store.bodyById(tx, m.body_id);
    const parent = body?.parentId ? await store.bodyById(tx, body.parentId) : undefined;
    if (!parent) throw problem.conflict('motionId', 'this body has no parent to forward to', 'no_parent');
    return insertMotion(tx, ctx, parent, { bodyId: parent.id, title: m.title, text: m.text, options: m.options, kind: m.kind, base: m.base, threshold: m.threshold }, m.id);
  });
}

async function requireChairOf(tx: Tx, ctx: Ctx, bodyId: string): Promise<void> {
  if (isAdminActor(ctx.actor)) return;
  const person = await requireMember(tx, ctx.actor, bodyId);
  if (!(await holdsOffice(tx, person, bodyId, 'chair'))) throw problem.forbidden("only the body's chair may do this", 'not_chair');
}

/**
 * A base body instructs its delegates: "vote <choice> on motion M" (M an open
 * roll-call motion of the body its delegates sit in). Recorded by the base's chair
 * after the base decided it.
 */
export async function adoptMandate(ctx: Ctx, input: { baseBodyId: string; motionId: string; choice: number }) {
  return ctx.db.transaction(async (tx) => {
    await requireChairOf(tx, ctx, input.baseBodyId);
    const base = await store.bodyById(tx, input.baseBodyId);
    const m = await ms.motionById(tx, input.motionId);
    if (!base || !m) throw problem.notFound(!base ? 'baseBodyId' : 'motionId', 'not found');
    if (m.body_id !== base.parentId) throw problem.invalid('motionId', "must be a motion of the body this base's delegates sit in", 'not_parent_motion');
    if (m.status !== 'open' || m.secret || m.kind !== 'choice') throw problem.invalid('motionId', 'must be an open roll-call motion decided by choice', 'not_mandatable');
    if (!Number.isInteger(input.choice) || input.choice < 0 || input.choice >= m.options.length) throw problem.invalid('choice', `must be an option index 0–${m.options.length - 1}`);
    const id = ctx.ids.uuid();
    const rows = await tx.query(
      'insert into mandate (id, base_body_id, motion_id, choice, adopted_at) values ($1, $2, $3, $4, $5) on conflict do nothing returning id',
      [id, base.id, m.id, input.choice, ctx.clock.now()],
    );
    if (!rows.length) throw problem.conflict('motionId', 'this base has already mandated its delegates on this motion', 'mandate_exists');
    await appendAudit(tx, ctx, { action: 'mandate.adopt', subject: `body:${base.id}`, payload: { motionId: m.id, choice: input.choice, option: m.options[input.choice] } });
    return { id, baseBodyId: base.id, motionId: m.id, choice: input.choice };
  });
}

export async function getMotion(ctx: Ctx, motionId: string) {
  const m = await ms.motionById(ctx.db, motionId);
  if (!m) throw problem.notFound('motionId', 'no such motion');
  return { ...m, rollCall: m.secret ? [] : await ms.rollCall(ctx.db, motionId), amendments: await ms.amendmentsOf(ctx.db, motionId) };
}

export function motionsOfBody(ctx: Ctx, bodyId: string) {
  return ms.motionsOf(ctx.db, bodyId);
}

/** Opens the recall vote a completed petition calls for (charter rule `petition`). */
export async function openRecallVote(tx: Tx, ctx: Ctx, seat: seats.SeatRow, charter: Charter): Promise<string> {
  const body = (await store.bodyById(tx, seat.constituency_id))!;
  const [holder] = await tx.query<{ display_name: string }>('select display_name from person where id = $1', [seat.holder_id]);
  const p = charter.petition!;
  const m = await insertMotion(
    tx,
    ctx,
    body,
    {
      bodyId: body.id,
      title: `Recall ${holder?.display_name ?? 'the delegate'}?`,
      text: 'A petition of the members asks whether this delegate should be recalled now.',
      options: ['yes', 'no'],
      base: 'cast',
      threshold: p.removalShare,
      quorum: p.turnoutShare,
      secret: true,
      days: p.days,
    },
    null,
    seat.term_id,
  );
  return m.id;
}

/** A voter checks the receipt of a secret motion vote: the ballot as it is stored and counted. */
export async function checkMotionReceipt(ctx: Ctx, motionId: string, receipt: string) {
  const b = await ms.ballotByReceipt(ctx.db, motionId, receiptHash(receipt));
  if (!b) throw problem.notFound('receipt', 'no ballot carries this receipt on this motion', 'unknown_receipt');
  return b;
}

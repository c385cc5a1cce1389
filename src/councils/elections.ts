import { anonymous } from '../core/actor.js';
import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { publish } from '../core/events.js';
import { problem } from '../core/problem.js';
import type { Tx } from '../db/db.js';
import { isAdminActor } from '../people/index.js';
import { holdsOffice, isMember, requireMember } from './access.js';
import { parseCharter } from './charter.js';
import { count, writeBlt, type CountResult, type Election as Ballots, type Method } from './counting/index.js';
import * as es from './elections-store.js';
import { flushHeld } from './mixer.js';
import { newReceipt, receiptHash } from './receipts.js';
import { ensureSeats } from './recall.js';
import * as seats from './seats-store.js';
import * as store from './store.js';

/** Calling and opening elections is for the constituency's chair (or an administrator). */
async function requireChair(tx: Tx, ctx: Ctx, bodyId: string): Promise<void> {
  if (isAdminActor(ctx.actor)) return;
  const me = ctx.actor.kind === 'person' ? ctx.actor.id : ctx.actor.kind === 'token' ? ctx.actor.personId : undefined;
  if (!me) throw problem.unauthenticated('sign in first');
  if (!(await holdsOffice(tx, me, bodyId, 'chair'))) throw problem.forbidden("only the body's chair may do this", 'not_chair');
}

const seedFrom = (uuid: string) => Number.parseInt(uuid.replaceAll('-', '').slice(-8), 16) >>> 0;

async function checkCandidates(tx: Tx, constituencyId: string, personIds: readonly string[]): Promise<void> {
  if (new Set(personIds).size !== personIds.length) throw problem.invalid('candidates', 'a candidate is named twice');
  for (const [i, p] of personIds.entries())
    if (!(await isMember(tx, p, constituencyId))) throw problem.invalid(`candidates/${i}`, 'must be a member of the body that elects', 'candidate_not_member');
}

export interface CallElection {
  constituencyId: string;
  /** Members standing. Without them the election opens for nominations first. */
  candidates?: string[];
  method?: Method;
  /** Days the vote stays open (default: the charter's). */
  days?: number;
}

/** Calls an election of all the delegates a body sends to its parent. */
export async function callElection(ctx: Ctx, input: CallElection): Promise<es.ElectionRow> {
  return ctx.db.transaction(async (tx) => {
    const body = await store.bodyById(tx, input.constituencyId);
    if (!body) throw problem.notFound('constituencyId', 'no such body');
    await requireChair(tx, ctx, body.id);
    const charter = parseCharter(body.charter);
    const seatRows = await ensureSeats(tx, ctx, body.id);
    const candidates = input.candidates ?? [];
    await checkCandidates(tx, body.id, candidates);
    const id = ctx.ids.uuid();
    const now = ctx.clock.now();
    const days = input.days ?? charter.electionDays;
    const open = candidates.length > 0;
    await es.insertElection(tx, {
      id,
      constituencyId: body.id,
      method: input.method ?? charter.electionMethod,
      seatIds: seatRows.map((s) => s.id),
      opensAt: open ? now : null,
      closesAt: open ? new Date(now.getTime() + days * 86_400_000) : null,
      status: open ? 'open' : 'nominating',
      seed: seedFrom(ctx.ids.uuid()),
      at: now,
    });
    if (candidates.length) await es.addCandidates(tx, id, candidates);
    await appendAudit(tx, ctx, { action: 'election.call', subject: `election:${id}`, payload: { body: body.id, seats: seatRows.length, candidates } });
    return (await es.electionById(tx, id))!;
  });
}

/**
 * Refills a vacated seat. A seat won in a several-seat STV count is refilled by
 * countback: the same ballots are counted again with the departed delegate withdrawn,
 * and the first of the newly elected who holds none of that election's seats (and is
 * still a member) takes it. Otherwise a by-election opens for nominations.
 * Returns the by-election's id, or null when a countback filled the seat.
 */
export async function refillSeat(tx: Tx, ctx: Ctx, seat: seats.SeatRow): Promise<string | null> {
  const filled = await countback(tx, ctx, seat);
  if (filled) return null;
  const body = await store.bodyById(tx, seat.constituency_id);
  const charter = parseCharter(body!.charter);
  const id = ctx.ids.uuid();
  await es.insertElection(tx, {
    id,
    constituencyId: seat.constituency_id,
    method: charter.electionMethod,
    seatIds: [seat.id],
    opensAt: null,
    closesAt: null,
    status: 'nominating',
    seed: seedFrom(ctx.ids.uuid()),
    at: ctx.clock.now(),
  });
  await appendAudit(tx, ctx, { action: 'election.call', subject: `election:${id}`, payload: { body: seat.constituency_id, seats: 1, byElection: seat.id } });
  return id;
}

async function countback(tx: Tx, ctx: Ctx, seat: seats.SeatRow): Promise<boolean> {
  if (!seat.term_id) return false;
  const [term] = await tx.query<{ election_id: string | null; person_id: string }>('select election_id, person_id from seat_term where id = $1', [seat.term_id]);
  const e = term?.election_id ? await es.electionById(tx, term.election_id) : undefined;
  if (!e || e.method !== 'stv' || e.seat_ids.length < 2 || e.status !== 'counted') return false;
  const candidates = await es.candidatesOf(tx, e.id);
  const groups = await es.groupedBallots(tx, e.id);
  const departed = candidates.findIndex((c) => c.person_id === term!.person_id);
  const recount = count(
    {
      candidates: candidates.map((c) => c.person_id),
      seats: Math.min(e.seat_ids.length, candidates.length - 1),
      withdrawn: departed >= 0 ? [departed] : [],
      groups: groups.map((g) => ({ ranking: Int32Array.from(g.ranking, (p) => p - 1), count: g.n })),
      ballots: groups.reduce((a, g) => a + g.n, 0),
      title: e.id,
    },
    'stv',
    e.seed,
  );
  const holders = new Set((await Promise.all(e.seat_ids.map((id) => seats.seatById(tx, id)))).map((s) => s?.holder_id));
  for (const person of recount.elected) {
    if (holders.has(person)) continue;
    if (!(await isMember(tx, person, seat.constituency_id))) continue;
    await seats.startTerm(tx, { termId: ctx.ids.uuid(), seatId: seat.id, personId: person, electionId: e.id, at: ctx.clock.now() });
    await appendAudit(tx, ctx, { action: 'seat.countback', subject: `seat:${seat.id}`, payload: { election: e.id, departed: term!.person_id, filledBy: person } });
    return true;
  }
  return false;
}

/** A member stands (or the chair nominates a member) while nominations are open. */
export async function nominate(ctx: Ctx, electionId: string, personId?: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const e = await es.electionById(tx, electionId, true);
    if (!e) throw problem.notFound('electionId', 'no such election');
    if (e.status !== 'nominating') throw problem.conflict('electionId', 'nominations are closed', 'not_nominating');
    const me = await requireMember(tx, ctx.actor, e.constituency_id);
    const who = personId ?? me;
    if (who !== me) await requireChair(tx, ctx, e.constituency_id);
    await checkCandidates(tx, e.constituency_id, [who]);
    if (!(await es.addCandidates(tx, electionId, [who]))) throw problem.conflict('personId', 'already a candidate', 'already_candidate');
    await appendAudit(tx, ctx, { action: 'election.nominate', subject: `election:${electionId}`, payload: { personId: who } });
  });
}

/** The chair opens the vote once there are candidates. */
export async function openVoting(ctx: Ctx, electionId: string, days?: number): Promise<es.ElectionRow> {
  return ctx.db.transaction(async (tx) => {
    const e = await es.electionById(tx, electionId, true);
    if (!e) throw problem.notFound('electionId', 'no such election');
    await requireChair(tx, ctx, e.constituency_id);
    if (e.status !== 'nominating') throw problem.conflict('electionId', 'the vote is already open or counted', 'not_nominating');
    if (!(await es.candidatesOf(tx, electionId)).length) throw problem.conflict('electionId', 'there are no candidates yet', 'no_candidates');
    const charter = parseCharter((await store.bodyById(tx, e.constituency_id))!.charter);
    const now = ctx.clock.now();
    await es.openWindow(tx, electionId, now, new Date(now.getTime() + (days ?? charter.electionDays) * 86_400_000));
    await appendAudit(tx, ctx, { action: 'election.open', subject: `election:${electionId}` });
    return (await es.electionById(tx, electionId))!;
  });
}

/**
 * Casts a secret ballot. The voter is marked as having voted (once: the database
 * refuses a second mark) and the ballot is stored apart, without the voter, under the
 * hash of a receipt code returned only to the voter. The audit event for the ballot
 * carries no actor.
 */
export async function castBallot(ctx: Ctx, electionId: string, ranking: readonly string[]): Promise<{ receipt: string }> {
  return ctx.db.transaction(async (tx) => {
    const e = await es.electionById(tx, electionId);
    if (!e) throw problem.notFound('electionId', 'no such election');
    const voter = await requireMember(tx, ctx.actor, e.constituency_id);
    const now = ctx.clock.now();
    if (e.status !== 'open' || !e.opens_at || !e.closes_at || now < e.opens_at || now >= e.closes_at)
      throw problem.conflict('electionId', 'the vote is not open now', 'outside_window');
    const candidates = await es.candidatesOf(tx, electionId);
    const position = new Map(candidates.map((c) => [c.person_id, c.position]));
    if (ranking.length === 0) throw problem.invalid('ranking', 'rank at least one candidate');
    if (new Set(ranking).size !== ranking.length) throw problem.invalid('ranking', 'a candidate is ranked twice');
    const positions = ranking.map((p, i) => {
      const pos = position.get(p);
      if (pos === undefined) throw problem.invalid(`ranking/${i}`, 'is not a candidate in this election');
      return pos;
    });
    if (!(await es.markVoted(tx, electionId, voter))) throw problem.conflict('electionId', 'you have already voted in this election', 'already_voted');
    const { receipt, hash } = newReceipt(ctx.ids);
    // a random (not time-ordered) id, so the ballot's row says nothing of when it was cast
    await es.insertBallot(tx, { id: crypto.randomUUID(), electionId, ranking: positions, receiptHash: hash });
    // held, to be mixed (mixer.ts): the ballot's audit event, with its receipt, comes with the mix
    await appendAudit(tx, { ...ctx, actor: anonymous }, { action: 'election.ballot_held', subject: `election:${electionId}`, payload: {} });
    return { receipt };
  });
}

export interface ElectionOutcome {
  result: CountResult;
  /** Seats and who now holds them. */
  seats: { seatId: string; personId: string | null }[];
  byElections: string[];
}

/**
 * Counts an election once its window has closed: fills its seats with the elected in
 * order of election; a holder not re-elected leaves the seat (and, by cascade, the
 * seats above). Final: a counted election is never counted again.
 */
export async function countElection(ctx: Ctx, electionId: string): Promise<ElectionOutcome> {
  return ctx.db.transaction(async (tx) => {
    const e = await es.electionById(tx, electionId, true);
    if (!e) throw problem.notFound('electionId', 'no such election');
    if (e.status === 'counted') throw problem.conflict('electionId', 'already counted; results are final', 'already_counted');
    if (e.status !== 'open' || !e.closes_at || ctx.clock.now() < e.closes_at)
      throw problem.conflict('electionId', 'the vote has not closed yet', 'not_closed');
    const candidates = await es.candidatesOf(tx, electionId);
    await flushHeld(tx, ctx, 'election', electionId); // every ballot still held is counted
    const groups = await es.groupedBallots(tx, electionId);
    if (!groups.length)
      throw problem.conflict('electionId', 'no ballots were cast, so there is nothing to count: the seats stay as they are; call a new election', 'no_ballots');
    const ballots: Ballots = {
      candidates: candidates.map((c) => c.person_id),
      seats: Math.min(e.seat_ids.length, candidates.length),
      withdrawn: [],
      groups: groups.map((g) => ({ ranking: Int32Array.from(g.ranking, (p) => p - 1), count: g.n })),
      ballots: groups.reduce((a, g) => a + g.n, 0),
      title: electionId,
    };
    const result = count(ballots, e.method, e.seed);
    const elected = result.elected;
    const now = ctx.clock.now();
    const byElections: string[] = [];
    const seatRows = await Promise.all(e.seat_ids.map((id) => seats.seatById(tx, id, true)));
    // holders not re-elected leave (cascading up); the re-elected keep their seats
    for (const s of seatRows)
      if (s?.holder_id && !elected.includes(s.holder_id)) {
        const vacated = await seats.vacateCascade(tx, s.id, 'not re-elected', now);
        for (const v of vacated.slice(1)) {
          const by = await refillSeat(tx, ctx, v);
          if (by) byElections.push(by);
        }
      }
    const fresh = await Promise.all(e.seat_ids.map((id) => seats.seatById(tx, id)));
    const holding = new Set(fresh.map((s) => s?.holder_id).filter(Boolean));
    const free = fresh.filter((s) => s && !s.holder_id);
    for (const person of elected.filter((p) => !holding.has(p))) {
      const seat = free.shift();
      if (!seat) break;
      await seats.startTerm(tx, { termId: ctx.ids.uuid(), seatId: seat.id, personId: person, electionId, at: now });
    }
    await es.setResult(tx, electionId, result);
    await appendAudit(tx, ctx, {
      action: 'election.count',
      subject: `election:${electionId}`,
      payload: { elected, ballots: result.ballots, seed: e.seed, roll: await es.voterRoll(tx, electionId) },
    });
    await publish(tx, 'councils.election', { electionId, status: 'counted' });
    const after = await Promise.all(e.seat_ids.map((id) => seats.seatById(tx, id)));
    return { result, seats: after.map((s) => ({ seatId: s!.id, personId: s!.holder_id })), byElections };
  });
}

/** After the count: every ballot, under its receipt hash, so each voter can find theirs. */
export async function publishedBallots(ctx: Ctx, electionId: string) {
  const e = await es.electionById(ctx.db, electionId);
  if (!e) throw problem.notFound('electionId', 'no such election');
  if (e.status !== 'counted') throw problem.conflict('electionId', 'ballots are published when the count is done', 'not_counted');
  const candidates = await es.candidatesOf(ctx.db, electionId);
  const byPos = new Map(candidates.map((c) => [c.position, c.person_id]));
  return (await es.publishedBallots(ctx.db, electionId)).map((b) => ({ receiptHash: b.receipt_hash, ranking: b.ranking.map((p) => byPos.get(p)!) }));
}

/** A voter checks their receipt: was their ballot counted, and as they cast it? */
export async function checkReceipt(ctx: Ctx, electionId: string, receipt: string) {
  const b = await es.ballotByReceipt(ctx.db, electionId, receiptHash(receipt));
  if (!b) throw problem.notFound('receipt', 'no ballot carries this receipt in this election', 'unknown_receipt');
  const candidates = await es.candidatesOf(ctx.db, electionId);
  const byPos = new Map(candidates.map((c) => [c.position, c.person_id]));
  return { ranking: b.ranking.map((p) => byPos.get(p)!) };
}

export async function getElection(ctx: Ctx, electionId: string) {
  const e = await es.electionById(ctx.db, electionId);
  if (!e) throw problem.notFound('electionId', 'no such election');
  return { ...e, candidates: await es.candidatesOf(ctx.db, electionId) };
}

export async function electionsOfBody(ctx: Ctx, bodyId: string) {
  if (!(await store.bodyById(ctx.db, bodyId))) throw problem.notFound('id', 'no such body');
  return es.electionsOf(ctx.db, bodyId);
}

/** A counted election's ballots as a BLT file (candidates by display name), for any
 *  other counter to check the result. */
export async function ballotsAsBlt(ctx: Ctx, electionId: string): Promise<string> {
  const e = await es.electionById(ctx.db, electionId);
  if (!e) throw problem.notFound('electionId', 'no such election');
  if (e.status !== 'counted') throw problem.conflict('electionId', 'ballots are published when the count is done', 'not_counted');
  const candidates = await es.candidatesOf(ctx.db, electionId);
  const groups = await es.groupedBallots(ctx.db, electionId);
  return writeBlt({
    candidates: candidates.map((c) => c.display_name),
    seats: Math.min(e.seat_ids.length, candidates.length),
    withdrawn: [],
    groups: groups.map((g) => ({ ranking: Int32Array.from(g.ranking, (p) => p - 1), count: g.n })),
    ballots: groups.reduce((a, g) => a + g.n, 0),
    title: `Election ${electionId}`,
  });
}

/** The full count of a counted election, candidates named by person id. */
export async function electionResult(ctx: Ctx, electionId: string) {
  const e = await es.electionById(ctx.db, electionId);
  if (!e) throw problem.notFound('electionId', 'no such election');
  if (e.status !== 'counted') throw problem.conflict('electionId', 'the election has not been counted yet', 'not_counted');
  return e.result;
}

import type { Queryable } from '../db/db.js';

export interface MotionRow {
  id: string;
  body_id: string;
  title: string;
  text: string;
  options: string[];
  kind: 'choice' | 'ranking';
  base: 'cast' | 'members';
  threshold: number;
  quorum: number;
  secret: boolean;
  opens_at: Date;
  closes_at: Date;
  status: 'open' | 'closed';
  forwarded_from: string | null;
  amends: string | null;
  result: unknown;
  created_at: Date;
  /** A recall vote: the seat term it may end. */
  recall_term_id: string | null;
  /** An election to an office: adopted, the member takes it. */
  grants_office: { title: string; personId: string } | null;
}

export async function insertMotion(q: Queryable, m: Omit<MotionRow, 'status' | 'result'>): Promise<void> {
  await q.query(
    `insert into motion (id, body_id, title, text, options, kind, base, threshold, quorum, secret, opens_at, closes_at, forwarded_from, amends, created_at, recall_term_id, grants_office)
     values ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::text::jsonb)`,
    [m.id, m.body_id, m.title, m.text, m.options, m.kind, m.base, m.threshold, m.quorum, m.secret, m.opens_at, m.closes_at, m.forwarded_from, m.amends, m.created_at, m.recall_term_id, m.grants_office ? JSON.stringify(m.grants_office) : null],
  );
}

export async function motionById(q: Queryable, id: string, lock = false): Promise<MotionRow | undefined> {
  const [r] = await q.query<MotionRow>(`select * from motion where id = $1${lock ? ' for update' : ''}`, [id]);
  return r;
}

export async function motionsOf(q: Queryable, bodyId: string): Promise<MotionRow[]> {
  return q.query<MotionRow>('select * from motion where body_id = $1 order by created_at desc', [bodyId]);
}

/** Whether anyone has voted on the motion yet (by name or in secret). */
export async function hasVotes(q: Queryable, motionId: string): Promise<boolean> {
  const [r] = await q.query<{ v: boolean }>(
    'select exists (select 1 from motion_vote where motion_id = $1) or exists (select 1 from motion_voter where motion_id = $1) as v',
    [motionId],
  );
  return r!.v;
}

/** The amendments moved to a motion, and the text each replaced when adopted. */
export async function amendmentsOf(q: Queryable, motionId: string) {
  return q.query<{ id: string; title: string; text: string; status: 'open' | 'closed'; closes_at: Date; applied_at: Date | null; old_text: string | null }>(
    `select m.id, m.title, m.text, m.status, m.closes_at, a.applied_at, a.old_text
       from motion m left join motion_amendment a on a.amendment_id = m.id
      where m.amends = $1 order by m.created_at`,
    [motionId],
  );
}

export async function insertVote(q: Queryable, v: { motionId: string; personId: string; seatId: string | null; weight: number; choice: number | null; ranking: number[] | null; at: Date }): Promise<boolean> {
  const rows = await q.query(
    `insert into motion_vote (motion_id, person_id, seat_id, weight, choice, ranking, cast_at) values ($1, $2, $3, $4, $5, $6::int[], $7)
     on conflict do nothing returning person_id`,
    [v.motionId, v.personId, v.seatId, v.weight, v.choice, v.ranking, v.at],
  );
  return rows.length > 0;
}

export async function markVoter(q: Queryable, motionId: string, personId: string): Promise<boolean> {
  const rows = await q.query('insert into motion_voter (motion_id, person_id) values ($1, $2) on conflict do nothing returning person_id', [motionId, personId]);
  return rows.length > 0;
}

export async function insertBallot(q: Queryable, b: { id: string; motionId: string; weight: number; choice: number | null; ranking: number[] | null; receiptHash: Uint8Array }): Promise<void> {
  await q.query('insert into motion_ballot (id, motion_id, weight, choice, ranking, receipt_hash) values ($1, $2, $3, $4, $5::int[], $6)', [
    b.id,
    b.motionId,
    b.weight,
    b.choice,
    b.ranking,
    b.receiptHash,
  ]);
}

/** Every vote of a motion, open or secret, with its weight (for the tally). */
export async function votesOf(q: Queryable, motionId: string): Promise<{ weight: number; choice: number | null; ranking: number[] | null }[]> {
  return q.query(
    `select weight, choice, ranking from motion_vote where motion_id = $1
     union all select weight, choice, ranking from motion_ballot where motion_id = $1`,
    [motionId],
  );
}

export async function rollCall(q: Queryable, motionId: string) {
  return q.query<{ person_id: string; display_name: string; weight: number; choice: number | null; seat_id: string | null }>(
    `select v.person_id, p.display_name, v.weight, v.choice, v.seat_id from motion_vote v join person p on p.id = v.person_id
     where v.motion_id = $1 order by p.display_name`,
    [motionId],
  );
}

export async function closeMotion(q: Queryable, id: string, result: unknown): Promise<void> {
  await q.query(`update motion set status = 'closed', result = $2::text::jsonb where id = $1`, [id, JSON.stringify(result)]);
}

export async function mandateFor(q: Queryable, baseBodyId: string, motionId: string): Promise<{ id: string; choice: number } | undefined> {
  const [r] = await q.query<{ id: string; choice: number }>('select id, choice from mandate where base_body_id = $1 and motion_id = $2', [baseBodyId, motionId]);
  return r;
}

/** Marks the voter and stores the secret ballot in one statement; false if they had voted. */
export async function castSecret(q: Queryable, b: { id: string; motionId: string; personId: string; weight: number; choice: number | null; ranking: number[] | null; receiptHash: Uint8Array }): Promise<boolean> {
  const rows = await q.query(
    `with voter as (insert into motion_voter (motion_id, person_id) values ($1, $2) on conflict do nothing returning 1)
     insert into motion_ballot_held (id, motion_id, weight, choice, ranking, receipt_hash)
     select $3, $1, $4, $5, $6::int[], $7 from voter returning id`,
    [b.motionId, b.personId, b.id, b.weight, b.choice, b.ranking, b.receiptHash],
  );
  return rows.length > 0;
}

/** Where a person stands in a body, in one query: a base member, and/or the seat they hold
 *  there with the weighting rule of the body that sent them. */
export async function votingPlace(q: Queryable, bodyId: string, personId: string) {
  const [r] = await q.query<{ base_member: boolean; seat_id: string | null; constituency_id: string | null; weighting: string | null }>(
    `select exists (select 1 from membership where body_id = $1 and person_id = $2 and until is null) as base_member,
            s.id as seat_id, s.constituency_id, b.charter->>'weighting' as weighting
     from (select 1) one
     left join lateral (select * from seat where body_id = $1 and holder_id = $2 order by number limit 1) s on true
     left join body b on b.id = s.constituency_id`,
    [bodyId, personId],
  );
  return r!;
}

/**
 * A base member's secret vote as one statement — itself a transaction: checks
 * membership, marks the voter once, stores the ballot apart and appends its audit event.
 * `seated` people (delegates, whose votes carry weights) are not handled here.
 */
export async function castSecretAsMember(
  q: Queryable,
  v: { bodyId: string; personId: string; motionId: string; ballotId: string; choice: number | null; ranking: number[] | null; receiptHash: Uint8Array },
  audit: readonly unknown[],
): Promise<{ member: boolean; seated: boolean; cast: boolean }> {
  const [r] = await q.query<{ member: boolean; seated: boolean; cast: number }>(
    `with place as (
       select exists (select 1 from membership where body_id = $1 and person_id = $2 and until is null) as member,
              exists (select 1 from seat where body_id = $1 and holder_id = $2) as seated
     ), voter as (
       insert into motion_voter (motion_id, person_id) select $3, $2 from place where member and not seated
       on conflict do nothing returning 1
     ), ballot as (
       insert into motion_ballot_held (id, motion_id, weight, choice, ranking, receipt_hash)
       select $4, $3, 100, $5, $6::int[], $7 from voter returning id
     ), audit as (
       insert into audit_event (id, at, actor, action, subject, payload) select $8, $9, $10, $11, $12, $13 from ballot returning 1
     )
     select member, seated, (select count(*) from ballot)::int as cast from place`,
    [v.bodyId, v.personId, v.motionId, v.ballotId, v.choice, v.ranking, v.receiptHash, ...audit],
  );
  return { member: r!.member, seated: r!.seated, cast: r!.cast > 0 };
}

export interface SecretBallot {
  bodyId: string;
  personId: string;
  motionId: string;
  ballotId: string;
  choice: number | null;
  ranking: number[] | null;
  receiptHash: Uint8Array;
  /** The audit event's values (see auditValues): id, at, actor, action, subject, payload. */
  audit: readonly unknown[];
}

/**
 * Many base members' secret votes in one statement (see Batcher). A vote with at least
 * `mixAt` new voters in the batch is mixed here: its ballots go straight to the counted
 * table in random order with their receipt events, sharing the transaction with at
 * least `mixAt` marks — as a mixer pass would. The others are held for the mixer.
 */
export async function castSecretAsMembers(q: Queryable, items: readonly SecretBallot[], mixAt: number): Promise<{ member: boolean; seated: boolean; cast: boolean }[]> {
  const rows = await q.query<{ member: boolean; seated: boolean; cast: boolean }>(
    `with input as (
       select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[])
         with ordinality as t(body_id, person_id, motion_id, ballot_id, choice, ranking, receipt, audit_id, at, payload, ord)
     ), place as (
       select i.*, exists (select 1 from membership m where m.body_id = i.body_id and m.person_id = i.person_id and m.until is null) as member,
                   exists (select 1 from seat s where s.body_id = i.body_id and s.holder_id = i.person_id) as seated
       from input i
     ), voter as (
       insert into motion_voter (motion_id, person_id) select motion_id, person_id from place where member and not seated order by ord
       on conflict do nothing returning motion_id, person_id
     ), fresh as (
       -- a vote with at least $13 new voters in this batch is mixed right here: its ballots
       -- share their transaction with that many marks, as the mixer's would
       select p.*, count(*) over (partition by p.motion_id) >= $13 as direct
       from place p join voter v on v.motion_id = p.motion_id and v.person_id = p.person_id
     ), held as (
       insert into motion_ballot_held (id, motion_id, weight, choice, ranking, receipt_hash)
       select ballot_id, motion_id, 100, choice, ranking::int[], decode(receipt, 'hex') from fresh where not direct order by ballot_id
       returning id
     ), counted as (
       insert into motion_ballot (id, motion_id, weight, choice, ranking, receipt_hash)
       select ballot_id, motion_id, 100, choice, ranking::int[], decode(receipt, 'hex') from fresh where direct order by ballot_id
       returning id
     ), audit as (
       insert into audit_event (id, at, actor, action, subject, payload)
       select f.audit_id, f.at::timestamptz, $11,
              case when f.direct then 'motion.ballot' else $12 end, 'motion:' || f.motion_id,
              case when f.direct then '{"receipt":"' || f.receipt || '"}' else f.payload end
       from fresh f order by f.ballot_id
       returning 1
     )
     select p.member, p.seated, exists (select 1 from fresh f where f.ballot_id = p.ballot_id) as cast,
            (select count(*) from audit) + (select count(*) from held) + (select count(*) from counted) as written
     from place p order by p.ord`,
    [
      items.map((i) => i.bodyId),
      items.map((i) => i.personId),
      items.map((i) => i.motionId),
      items.map((i) => i.ballotId),
      items.map((i) => i.choice),
      items.map((i) => (i.ranking ? `{${i.ranking.join(',')}}` : null)),
      items.map((i) => Buffer.from(i.receiptHash).toString('hex')),
      items.map((i) => i.audit[0]),
      items.map((i) => (i.audit[1] as Date).toISOString()), // an array of Dates is not sent as timestamptz[]
      items.map((i) => i.audit[5]),
      items[0]!.audit[2],
      items[0]!.audit[3],
      mixAt,
    ],
  );
  return rows.map((r) => ({ member: r.member, seated: r.seated, cast: r.cast }));
}

export async function ballotByReceipt(q: Queryable, motionId: string, receiptHash: Uint8Array): Promise<{ choice: number | null; ranking: number[] | null; weight: number } | undefined> {
  const [r] = await q.query<{ choice: number | null; ranking: number[] | null; weight: number }>(
    `select choice, ranking, weight from motion_ballot where motion_id = $1 and receipt_hash = $2
     union all select choice, ranking, weight from motion_ballot_held where motion_id = $1 and receipt_hash = $2`,
    [motionId, receiptHash],
  );
  return r;
}

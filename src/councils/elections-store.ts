import type { Queryable } from '../db/db.js';
import type { Method } from './counting/index.js';

export interface ElectionRow {
  id: string;
  constituency_id: string;
  method: Method;
  seat_ids: string[];
  opens_at: Date | null;
  closes_at: Date | null;
  status: 'nominating' | 'open' | 'counted';
  seed: number;
  result: unknown;
  created_at: Date;
}

export async function insertElection(
  q: Queryable,
  e: { id: string; constituencyId: string; method: Method; seatIds: string[]; opensAt: Date | null; closesAt: Date | null; status: ElectionRow['status']; seed: number; at: Date },
): Promise<void> {
  await q.query(
    `insert into election (id, constituency_id, method, seat_ids, opens_at, closes_at, status, seed, created_at)
     values ($1, $2, $3, $4::uuid[], $5, $6, $7, $8, $9)`,
    [e.id, e.constituencyId, e.method, e.seatIds, e.opensAt, e.closesAt, e.status, e.seed, e.at],
  );
}

export async function electionById(q: Queryable, id: string, lock = false): Promise<ElectionRow | undefined> {
  const [r] = await q.query<ElectionRow>(`select * from election where id = $1${lock ? ' for update' : ''}`, [id]);
  return r;
}

export async function candidatesOf(q: Queryable, electionId: string): Promise<{ position: number; person_id: string; display_name: string }[]> {
  return q.query(
    `select c.position, c.person_id, p.display_name from election_candidate c join person p on p.id = c.person_id
     where c.election_id = $1 order by c.position`,
    [electionId],
  );
}

export async function addCandidates(q: Queryable, electionId: string, personIds: string[]): Promise<number> {
  const rows = await q.query(
    `insert into election_candidate (election_id, position, person_id)
     select $1, coalesce((select max(position) from election_candidate where election_id = $1), 0) + u.ord, u.person_id
     from unnest($2::uuid[]) with ordinality as u(person_id, ord)
     on conflict do nothing returning person_id`,
    [electionId, personIds],
  );
  return rows.length;
}

/** Records that a person voted; false if they already had (the primary key decides). */
export async function markVoted(q: Queryable, electionId: string, personId: string): Promise<boolean> {
  const rows = await q.query('insert into election_voter (election_id, person_id) values ($1, $2) on conflict do nothing returning person_id', [
    electionId,
    personId,
  ]);
  return rows.length > 0;
}

export async function insertBallot(q: Queryable, b: { id: string; electionId: string; ranking: number[]; receiptHash: Uint8Array }): Promise<void> {
  await q.query('insert into election_ballot_held (id, election_id, ranking, receipt_hash) values ($1, $2, $3::int[], $4)', [
    b.id,
    b.electionId,
    b.ranking,
    b.receiptHash,
  ]);
}

/** Ballots grouped by identical ranking: the counting input. */
export async function groupedBallots(q: Queryable, electionId: string): Promise<{ ranking: number[]; n: number }[]> {
  return q.query('select ranking, count(*)::int8 as n from election_ballot where election_id = $1 group by ranking', [electionId]);
}

export async function publishedBallots(q: Queryable, electionId: string): Promise<{ receipt_hash: string; ranking: number[] }[]> {
  return q.query(
    `select encode(receipt_hash, 'hex') as receipt_hash, ranking from election_ballot where election_id = $1 order by receipt_hash`,
    [electionId],
  );
}

export async function ballotByReceipt(q: Queryable, electionId: string, receiptHash: Uint8Array): Promise<{ ranking: number[] } | undefined> {
  const [r] = await q.query<{ ranking: number[] }>(
    `select ranking from election_ballot where election_id = $1 and receipt_hash = $2
     union all select ranking from election_ballot_held where election_id = $1 and receipt_hash = $2`,
    [electionId, receiptHash],
  );
  return r;
}

export async function voterRoll(q: Queryable, electionId: string): Promise<string[]> {
  return (await q.query<{ person_id: string }>('select person_id from election_voter where election_id = $1 order by person_id', [electionId])).map(
    (r) => r.person_id,
  );
}

export async function setResult(q: Queryable, id: string, result: unknown): Promise<void> {
  await q.query(`update election set status = 'counted', result = $2::text::jsonb where id = $1`, [id, JSON.stringify(result)]);
}

export async function openWindow(q: Queryable, id: string, opensAt: Date, closesAt: Date): Promise<void> {
  await q.query(`update election set status = 'open', opens_at = $2, closes_at = $3 where id = $1`, [id, opensAt, closesAt]);
}

export async function electionsOf(q: Queryable, constituencyId: string): Promise<ElectionRow[]> {
  return q.query<ElectionRow>('select * from election where constituency_id = $1 order by created_at desc', [constituencyId]);
}

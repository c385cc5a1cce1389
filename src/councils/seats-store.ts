import type { Queryable } from '../db/db.js';

export interface SeatRow {
  id: string;
  constituency_id: string;
  body_id: string;
  number: number;
  holder_id: string | null;
  term_id: string | null;
}

export async function seatsOf(q: Queryable, constituencyId: string): Promise<SeatRow[]> {
  return q.query<SeatRow>('select * from seat where constituency_id = $1 order by number', [constituencyId]);
}

export async function seatById(q: Queryable, id: string, lock = false): Promise<SeatRow | undefined> {
  const [r] = await q.query<SeatRow>(`select * from seat where id = $1${lock ? ' for update' : ''}`, [id]);
  return r;
}

export async function insertSeats(q: Queryable, rows: { id: string; constituencyId: string; bodyId: string; number: number }[]): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `insert into seat (id, constituency_id, body_id, number)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])`,
    [rows.map((r) => r.id), rows.map((r) => r.constituencyId), rows.map((r) => r.bodyId), rows.map((r) => r.number)],
  );
}

/** Members of a body: people in its membership (a base body) plus the holders of the
 *  seats that sit in it (a council of delegates). */
export async function memberCount(q: Queryable, bodyId: string): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `select (select count(*) from membership where body_id = $1 and until is null)
          + (select count(*) from seat where body_id = $1 and holder_id is not null) as n`,
    [bodyId],
  );
  return Number(r?.n ?? 0);
}

export async function startTerm(
  q: Queryable,
  t: { termId: string; seatId: string; personId: string; electionId: string | null; at: Date },
): Promise<void> {
  await q.query('insert into seat_term (id, seat_id, person_id, election_id, started_at) values ($1, $2, $3, $4, $5)', [
    t.termId,
    t.seatId,
    t.personId,
    t.electionId,
    t.at,
  ]);
  await q.query('update seat set holder_id = $2, term_id = $3 where id = $1', [t.seatId, t.personId, t.termId]);
}

/**
 * Vacates a seat and, because its holder thereby leaves the body the seat sits in,
 * every seat they held further up (the cascade), in one statement. Ends their terms,
 * their offices in the bodies they leave, and the confidence they had withdrawn there.
 * Returns the vacated seats, the first one first.
 */
export async function vacateCascade(q: Queryable, seatId: string, reason: string, at: Date): Promise<SeatRow[]> {
  const vacated = await q.query<SeatRow & { depth: number }>(
    `with recursive chain as (
       select s.id, s.body_id, s.holder_id, 0 as depth from seat s where s.id = $1 and s.holder_id is not null
       union all
       select s.id, s.body_id, s.holder_id, c.depth + 1 from seat s
       join chain c on s.constituency_id = c.body_id and s.holder_id = c.holder_id
       where c.depth < 32
     )
     select seat.*, chain.depth from seat join chain on chain.id = seat.id order by chain.depth`,
    [seatId],
  );
  if (!vacated.length) return [];
  const ids = vacated.map((s) => s.id);
  const terms = vacated.map((s) => s.term_id);
  await q.query(
    `update seat_term set ended_at = $2, end_reason = case when id = $3 then $4 else 'cascade: left the body below' end
     where id = any($1::uuid[])`,
    [terms, at, vacated[0]!.term_id, reason],
  );
  await q.query('update seat set holder_id = null, term_id = null where id = any($1::uuid[])', [ids]);
  const person = vacated[0]!.holder_id!;
  const bodies = vacated.map((s) => s.body_id);
  await q.query('update office set until = $3 where person_id = $1 and body_id = any($2::uuid[]) and until is null', [person, bodies, at]);
  await q.query(
    `delete from confidence_withdrawal w using seat_term t, seat s
     where w.term_id = t.id and t.seat_id = s.id and t.ended_at is null and w.person_id = $1 and s.constituency_id = any($2::uuid[])`,
    [person, bodies],
  );
  return vacated;
}

export async function withdrawals(q: Queryable, termId: string): Promise<number> {
  const [r] = await q.query<{ n: number }>('select count(*)::int8 as n from confidence_withdrawal where term_id = $1', [termId]);
  return r?.n ?? 0;
}

export interface DelegationRow {
  seat_id: string;
  number: number;
  body_id: string;
  holder_id: string | null;
  holder_name: string | null;
  since: Date | null;
  withdrawals: number;
  withdrawn_by_me: boolean;
}

/** The seats a body sends up; `withdrawn_by_me` says whether `personId` has withdrawn confidence. */
export async function delegation(q: Queryable, constituencyId: string, personId: string | null): Promise<DelegationRow[]> {
  return q.query<DelegationRow>(
    `select s.id as seat_id, s.number, s.body_id, s.holder_id, p.display_name as holder_name, t.started_at as since,
            (select count(*) from confidence_withdrawal w where w.term_id = s.term_id)::int8 as withdrawals,
            exists (select 1 from confidence_withdrawal w where w.term_id = s.term_id and w.person_id = $2) as withdrawn_by_me
     from seat s left join person p on p.id = s.holder_id left join seat_term t on t.id = s.term_id
     where s.constituency_id = $1 order by s.number`,
    [constituencyId, personId],
  );
}

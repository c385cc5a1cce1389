-- Secret ballots are held, then mixed. A voter's transaction writes the mark "this
-- person voted" and puts the ballot in a holding table; the mixer later moves held
-- ballots into the ballot tables at least k at a time (or all of them when the vote
-- closes), in random order, each with its audit event. So no row written in the voter's
-- transaction — the mark, the held ballot once moved, an audit event — carries anything
-- that leads to the ballot: PostgreSQL's hidden `xmin` of a counted ballot names only
-- the mixing batch. (A held row deleted by the mixer stays on disk until vacuumed, where
-- only a superuser reading raw pages could see it; autovacuum removes it.)
create table motion_ballot_held (
  id uuid primary key,
  motion_id uuid not null references motion (id),
  weight integer not null,
  choice integer,
  ranking integer[],
  receipt_hash bytea not null,
  constraint motion_ballot_held_receipt_key unique (receipt_hash)
);
create index motion_ballot_held_motion_idx on motion_ballot_held (motion_id);

create table election_ballot_held (
  id uuid primary key,
  election_id uuid not null references election (id),
  ranking integer[] not null,
  receipt_hash bytea not null,
  constraint election_ballot_held_receipt_key unique (receipt_hash)
);
create index election_ballot_held_election_idx on election_ballot_held (election_id);

create or replace function refuse_vote_after_result() returns trigger language plpgsql as $$
declare closed boolean;
begin
  if tg_table_name in ('election_ballot', 'election_voter', 'election_ballot_held') then
    select status = 'counted' into closed from election where id = coalesce(new.election_id, old.election_id);
  else
    -- the lock orders this vote against an amendment being moved at the same moment
    select status = 'closed' into closed from motion where id = coalesce(new.motion_id, old.motion_id) for key share;
  end if;
  if closed then
    raise exception 'results are final: votes of a closed % cannot change', tg_table_name using errcode = '23514', constraint = 'final_result';
  end if;
  -- nested, not joined by AND: `new` of an election table has no motion_id to look at
  if tg_op = 'INSERT' and tg_table_name in ('motion_vote', 'motion_voter') then
    if exists (select 1 from motion where amends = new.motion_id and status = 'open') then
      raise exception 'an amendment to this motion is still open; it is settled before the vote' using errcode = '55000', constraint = 'amendments_pending', column = 'motionId';
    end if;
  end if;
  return coalesce(new, old);
end $$;

create trigger motion_ballot_held_final before insert or update or delete on motion_ballot_held for each row execute function refuse_vote_after_result();
create trigger election_ballot_held_final before insert or update or delete on election_ballot_held for each row execute function refuse_vote_after_result();

-- Amendments: a motion that proposes a new text for an open motion of the same body.
-- As in any assembly, amendments are settled before the question is put: while an
-- amendment is open, the motion it amends takes no votes, and once a motion has votes
-- no amendment can be moved. An adopted amendment replaces the text; the old text stays here.
create index motion_amends_idx on motion (amends) where amends is not null;

create table motion_amendment (
  amendment_id uuid primary key references motion (id),
  motion_id uuid not null references motion (id),
  old_text text not null,
  new_text text not null,
  applied_at timestamptz not null
);
create index motion_amendment_motion_idx on motion_amendment (motion_id);

create or replace function refuse_vote_after_result() returns trigger language plpgsql as $$
declare closed boolean;
begin
  if tg_table_name in ('election_ballot', 'election_voter') then
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

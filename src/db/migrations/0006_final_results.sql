-- Results are final: once an election is counted or a motion closed, neither it nor
-- its votes can change. The database refuses it, whatever the code above it does.
create function refuse_change_after_result() returns trigger language plpgsql as $$
begin
  raise exception 'results are final: % is closed', tg_table_name using errcode = '23514', constraint = 'final_result';
end $$;

create trigger election_final before update or delete on election
  for each row when (old.status = 'counted') execute function refuse_change_after_result();
create trigger motion_final before update or delete on motion
  for each row when (old.status = 'closed') execute function refuse_change_after_result();

create function refuse_vote_after_result() returns trigger language plpgsql as $$
declare closed boolean;
begin
  if tg_table_name in ('election_ballot', 'election_voter') then
    select status = 'counted' into closed from election where id = coalesce(new.election_id, old.election_id);
  else
    select status = 'closed' into closed from motion where id = coalesce(new.motion_id, old.motion_id);
  end if;
  if closed then
    raise exception 'results are final: votes of a closed % cannot change', tg_table_name using errcode = '23514', constraint = 'final_result';
  end if;
  return coalesce(new, old);
end $$;

create trigger election_ballot_final before insert or update or delete on election_ballot for each row execute function refuse_vote_after_result();
create trigger election_voter_final before insert or update or delete on election_voter for each row execute function refuse_vote_after_result();
create trigger motion_vote_final before insert or update or delete on motion_vote for each row execute function refuse_vote_after_result();
create trigger motion_ballot_final before insert or update or delete on motion_ballot for each row execute function refuse_vote_after_result();
create trigger motion_voter_final before insert or update or delete on motion_voter for each row execute function refuse_vote_after_result();

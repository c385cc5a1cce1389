-- Stock balances are kept per statement instead of per row: a statement that records many
-- movements (a batch of pickups) updates each committee's balance of each good once, and
-- takes the row locks of the balances it touches in one order (committee, good), so two
-- concurrent batches wait for each other instead of deadlocking.
drop trigger stock_move_apply on stock_move;
drop function stock_move_apply();

create function stock_move_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the stock ledger is append-only: record a correcting movement' using errcode = '23514', constraint = 'stock_ledger_append_only';
end $$;
create trigger stock_move_append_only before update or delete on stock_move for each row execute function stock_move_append_only();

create function stock_move_balance() returns trigger language plpgsql as $$
begin
  perform 1 from stock_balance b
   where (b.committee_id, b.good_id) in (
     select to_committee, good_id from moved where to_committee is not null
     union select from_committee, good_id from moved where from_committee is not null)
   order by b.committee_id, b.good_id
   for update;
  -- a balance that would go below zero, or a first movement out of a committee with no
  -- balance yet, breaks stock_balance_quantity_check: the whole statement is refused
  with delta as (
    select c, g, sum(q) as q from (
      select to_committee as c, good_id as g, quantity as q from moved where to_committee is not null
      union all select from_committee, good_id, -quantity from moved where from_committee is not null) m
    group by c, g),
  changed as (
    update stock_balance b set quantity = b.quantity + d.q from delta d where b.committee_id = d.c and b.good_id = d.g
    returning b.committee_id, b.good_id)
  insert into stock_balance (committee_id, good_id, quantity)
  select d.c, d.g, d.q from delta d
  where not exists (select 1 from changed x where x.committee_id = d.c and x.good_id = d.g)
  order by d.c, d.g
  on conflict (committee_id, good_id) do update set quantity = stock_balance.quantity + excluded.quantity;
  return null;
end $$;
create trigger stock_move_balance after insert on stock_move referencing new table as moved for each statement execute function stock_move_balance();

-- A GIN index gathers new entries in a pending list that every search reads in full
-- until it is merged. The duplicate check searches this index once per newcomer while a
-- register is being imported, so the list would be read thousands of times over: write
-- the entries into the index as they come instead.
alter index household_member_duplicate_keys set (fastupdate = off);
select gin_clean_pending_list('household_member_duplicate_keys'::regclass);

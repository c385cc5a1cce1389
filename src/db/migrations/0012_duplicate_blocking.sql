-- Duplicate detection at national scale. Comparing every newcomer with everyone born the
-- same day grows with the register (about 280 people share a birth date among 8 million),
-- so candidates are now "blocked": born the same day AND sharing at least one whole word
-- of the folded name (a first name or a surname). Only those are scored by trigram
-- similarity, as before. A person whose every name is misspelt differently is no longer
-- found; one shared word is enough.
-- (its search path is fixed: PostgreSQL 17 builds indexes with a safe search path, where
-- fold_text would not be found)
create function duplicate_keys(birth date, name text) returns text[] language sql immutable parallel safe set search_path from current as $$
  select coalesce(array_agg(distinct (birth - date '1900-01-01')::text || ':' || w), '{}')
  from unnest(regexp_split_to_array(fold_text(name), '[^a-z0-9]+')) as w
  where length(w) >= 2
$$;
create index household_member_duplicate_keys on household_member using gin (duplicate_keys(birth_date, name)) where until is null;
drop index household_member_birth_idx;

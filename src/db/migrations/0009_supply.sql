-- Supply: households registered to people's supply committees (bodies of kind
-- supply_committee), ration cards, goods, a double-entry stock ledger whose balances the
-- database keeps from going negative, ration periods with each household's entitlement,
-- and pickups recorded by the committee's officers.
create extension if not exists pg_trgm;

-- Names and addresses compared without case or accents ("Pérez" is "Perez"), for the
-- fuzzy matching of possible duplicates. Immutable, so it can be indexed.
create function fold_text(t text) returns text language sql immutable parallel safe as $$
  select lower(translate(t, 'ÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãéèêëíìîïóòôöõúùûüñç', 'AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc'))
$$;

-- The configurable list of special needs a household member may have.
create table special_need (
  code text primary key,
  label text not null,
  constraint special_need_code_check check (code ~ '^[a-z][a-z_]{1,40}$')
);
insert into special_need (code, label) values
  ('pregnancy', 'Pregnancy'),
  ('infant', 'Infant under one year'),
  ('chronic_illness', 'Chronic illness'),
  ('disability', 'Disability');

create table household (
  id uuid primary key,
  committee_id uuid not null references body (id),
  -- the committee's own reference (the key of its CSV files), unique in the committee
  ref text not null,
  zone text not null default '',
  address text not null default '',
  created_at timestamptz not null,
  constraint household_ref_key unique (committee_id, ref)
);
create index household_committee_idx on household (committee_id);
create index household_address_trgm on household using gin (fold_text(address) gin_trgm_ops);

-- A household moving to another committee keeps its history.
create table household_move (
  household_id uuid not null references household (id),
  from_committee uuid not null references body (id),
  to_committee uuid not null references body (id),
  at timestamptz not null
);
create index household_move_idx on household_move (household_id);

-- The people of a household (not accounts: people who eat). A member who leaves keeps
-- the row with `until` set.
create table household_member (
  id uuid primary key,
  household_id uuid not null references household (id),
  name text not null,
  birth_date date not null,
  needs text[] not null default '{}',
  since timestamptz not null,
  until timestamptz,
  constraint household_member_name_check check (length(trim(name)) > 0)
);
create index household_member_household_idx on household_member (household_id) where until is null;
create index household_member_name_trgm on household_member using gin (fold_text(name) gin_trgm_ops) where until is null;
create index household_member_birth_idx on household_member (birth_date) where until is null;

-- Possible duplicates (the same person in two households), flagged for an officer to
-- resolve; never merged silently.
create table duplicate_flag (
  id uuid primary key,
  member_id uuid not null references household_member (id),
  other_member_id uuid not null references household_member (id),
  score real not null,
  reason text not null,
  status text not null default 'open',
  resolution text,
  resolved_by uuid references person (id),
  flagged_at timestamptz not null,
  resolved_at timestamptz,
  constraint duplicate_flag_status_check check (status in ('open', 'resolved')),
  constraint duplicate_flag_resolution_check check ((status = 'resolved') = (resolution is not null))
);
-- one flag per pair, whichever way round it was found
create unique index duplicate_flag_pair_key on duplicate_flag (least(member_id, other_member_id), greatest(member_id, other_member_id));
create index duplicate_flag_open_idx on duplicate_flag (status) where status = 'open';

-- A ration card: a short code (and a QR of it) that identifies the household at pickup
-- without showing anything about it. One live card per household.
create table ration_card (
  code text primary key,
  household_id uuid not null references household (id),
  issued_at timestamptz not null,
  revoked_at timestamptz
);
create unique index ration_card_live_key on ration_card (household_id) where revoked_at is null;

-- Goods, in whole units of grams, millilitres or pieces; `need_rule` says how much a
-- household needs per period (see src/supply/ration/need.ts).
create table good (
  id uuid primary key,
  code text not null unique,
  name text not null,
  unit text not null,
  need_rule jsonb not null,
  created_at timestamptz not null,
  constraint good_unit_check check (unit in ('g', 'ml', 'piece')),
  constraint good_code_check check (code ~ '^[a-z0-9][a-z0-9_-]{0,40}$')
);

-- The stock ledger: every movement takes goods from one place and puts them in another.
-- A committee is a place; "outside" (null) is the supplier a delivery comes from, the
-- households a pickup goes to, spoilage, or the difference a physical count finds.
create table stock_move (
  id uuid primary key,
  good_id uuid not null references good (id),
  kind text not null,
  from_committee uuid references body (id),
  to_committee uuid references body (id),
  quantity bigint not null,
  reason text,
  pickup_id uuid,
  at timestamptz not null,
  constraint stock_move_kind_check check (kind in ('delivery', 'pickup', 'transfer', 'loss', 'count')),
  constraint stock_move_quantity_check check (quantity > 0),
  constraint stock_move_sides_check check (
    (kind = 'delivery' and from_committee is null and to_committee is not null)
    or (kind = 'pickup' and from_committee is not null and to_committee is null and pickup_id is not null)
    or (kind = 'transfer' and from_committee is not null and to_committee is not null and from_committee <> to_committee)
    or (kind = 'loss' and from_committee is not null and to_committee is null and reason is not null)
    or (kind = 'count' and (from_committee is null) <> (to_committee is null) and reason is not null))
);
create index stock_move_from_idx on stock_move (from_committee, good_id) where from_committee is not null;
create index stock_move_to_idx on stock_move (to_committee, good_id) where to_committee is not null;

-- Balances, kept by the trigger below from the ledger; the check is the guarantee that
-- stock never goes negative, whatever the code above does.
create table stock_balance (
  committee_id uuid not null references body (id),
  good_id uuid not null references good (id),
  quantity bigint not null,
  primary key (committee_id, good_id),
  constraint stock_balance_quantity_check check (quantity >= 0)
);

create function stock_move_apply() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then
    raise exception 'the stock ledger is append-only: record a correcting movement' using errcode = '23514', constraint = 'stock_ledger_append_only';
  end if;
  if new.to_committee is not null then
    insert into stock_balance (committee_id, good_id, quantity) values (new.to_committee, new.good_id, new.quantity)
    on conflict (committee_id, good_id) do update set quantity = stock_balance.quantity + excluded.quantity;
  end if;
  if new.from_committee is not null then
    update stock_balance set quantity = quantity - new.quantity where committee_id = new.from_committee and good_id = new.good_id;
    if not found then
      raise exception 'no stock of this good at this committee' using errcode = '23514', constraint = 'stock_balance_quantity_check';
    end if;
  end if;
  return new;
end $$;
create trigger stock_move_apply before insert or update or delete on stock_move for each row execute function stock_move_apply();

-- Ration periods (a week, say) for the whole federation; they may not overlap. `goods`
-- fixes the order of the per-good arrays of the entitlements.
create table ration_period (
  id uuid primary key,
  name text not null,
  starts date not null,
  ends date not null,
  goods uuid[] not null default '{}',
  status text not null default 'open',
  created_at timestamptz not null,
  closed_at timestamptz,
  constraint ration_period_dates_check check (ends >= starts),
  constraint ration_period_status_check check (status in ('open', 'closed')),
  constraint ration_period_overlap exclude using gist (daterange(starts, ends, '[]') with &&)
);

-- What a committee had and gave out for a period and good: the record of a ration
-- computation (stock, method, seed) and of unmet need.
create table allocation (
  period_id uuid not null references ration_period (id),
  committee_id uuid not null references body (id),
  good_id uuid not null references good (id),
  stock bigint not null,
  need bigint not null,
  allocated bigint not null,
  households integer not null,
  method text not null,
  seed bigint not null,
  computed_at timestamptz not null,
  primary key (period_id, committee_id, good_id),
  constraint allocation_sum_check check (allocated = least(stock, need))
);

create function within_rations(collected integer[], rations integer[]) returns boolean
  language sql immutable parallel safe
  as $$ select cardinality(collected) = cardinality(rations)
            and not exists (select 1 from unnest(collected, rations) as u(c, r) where c < 0 or c > r) $$;

-- A household's entitlement for a period: need, ration and what it has collected, one
-- array element per good of the period (in the period's `goods` order).
create table entitlement (
  period_id uuid not null references ration_period (id),
  household_id uuid not null references household (id),
  committee_id uuid not null references body (id),
  needs integer[] not null,
  rations integer[] not null,
  collected integer[] not null,
  primary key (period_id, household_id),
  constraint entitlement_collected_check check (within_rations(collected, rations))
);
create index entitlement_committee_idx on entitlement (period_id, committee_id);

-- A pickup: its id is made by the client (the supply desk works offline), so a retried
-- or re-synced pickup is the same row, never a second one.
create table pickup (
  id uuid primary key,
  period_id uuid not null references ration_period (id),
  household_id uuid not null references household (id),
  committee_id uuid not null references body (id),
  officer_id uuid not null references person (id),
  point text not null,
  lines jsonb not null,
  at timestamptz not null,
  recorded_at timestamptz not null
);
create index pickup_committee_day_idx on pickup (committee_id, at);
create index pickup_household_idx on pickup (household_id);

-- A committee's own rules: how it shares under shortage, and how long after a period
-- ends a household may still collect what it was entitled to (then it returns to stock).
create table supply_policy (
  committee_id uuid primary key references body (id),
  method text not null default 'maxmin',
  grace_days integer not null default 0,
  constraint supply_policy_method_check check (method in ('proportional', 'maxmin', 'priority')),
  constraint supply_policy_grace_check check (grace_days between 0 and 60)
);

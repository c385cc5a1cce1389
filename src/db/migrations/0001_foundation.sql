-- Foundation: people and access, the audit chain, and the bodies that authorisation
-- starts from (councils extends them).

create table person (
  id uuid primary key,
  username text not null,
  display_name text not null,
  password_hash text,
  is_admin boolean not null default false,
  created_at timestamptz not null,
  disabled_at timestamptz,
  constraint person_username_key unique (username),
  constraint person_username_check check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$')
);

-- Session ids and API-token secrets are stored only as SHA-256 hashes.
create table session (
  id_hash bytea primary key,
  person_id uuid not null references person (id),
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  ended_at timestamptz
);
create index session_person_idx on session (person_id);

create table api_token (
  id uuid primary key,
  person_id uuid not null references person (id),
  name text not null,
  scopes text[] not null,
  secret_hash bytea not null,
  created_at timestamptz not null,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_token_person_idx on api_token (person_id);

create table login_failure (
  id bigint generated always as identity primary key,
  username text not null,
  address text not null,
  at timestamptz not null
);
create index login_failure_username_idx on login_failure (username, at);
create index login_failure_address_idx on login_failure (address, at);

-- The audit log. `payload` is canonical JSON text, hashed exactly as stored.
-- `pos` and `chain_hash` are set by the sealer, which orders events into the chain.
create table audit_event (
  seq bigint generated always as identity primary key,
  id uuid not null,
  at timestamptz not null,
  actor text not null,
  action text not null,
  subject text not null,
  payload text not null,
  pos bigint,
  chain_hash bytea
);
-- partial: a new event has no position yet, so appending touches no entry of it
create unique index audit_event_pos_key on audit_event (pos) where pos is not null;
create index audit_event_unsealed_idx on audit_event (seq) where pos is null;

create table audit_key (
  id text primary key,
  public_key text not null,
  created_at timestamptz not null
);

create table audit_checkpoint (
  batch bigint primary key,
  first_pos bigint not null,
  last_pos bigint not null,
  merkle_root bytea not null,
  chain_hash bytea not null,
  previous_hash bytea,
  checkpoint_hash bytea not null,
  key_id text not null references audit_key (id),
  signature bytea not null,
  sealed_at timestamptz not null,
  constraint audit_checkpoint_range_check check (first_pos >= 1 and last_pos >= first_pos)
);

create table body (
  id uuid primary key,
  kind text not null,
  name text not null,
  parent_id uuid references body (id),
  created_at timestamptz not null,
  constraint body_kind_check check (kind in ('workplace', 'neighbourhood', 'supply_committee', 'peasant', 'soldiers',
    'union', 'cordon', 'regional', 'national_assembly', 'custom')),
  constraint body_parent_check check (parent_id is distinct from id)
);
create index body_parent_idx on body (parent_id);

-- Membership of base bodies, with history: a row is closed (`until`), never deleted.
create table membership (
  id uuid primary key,
  body_id uuid not null references body (id),
  person_id uuid not null references person (id),
  since timestamptz not null,
  until timestamptz,
  constraint membership_period_check check (until is null or until >= since)
);
create unique index membership_current_key on membership (body_id, person_id) where until is null;
create index membership_person_idx on membership (person_id) where until is null;

create table office (
  id uuid primary key,
  body_id uuid not null references body (id),
  person_id uuid not null references person (id),
  title text not null,
  since timestamptz not null,
  until timestamptz,
  constraint office_title_check check (title ~ '^[a-z][a-z_]{1,40}$'),
  constraint office_period_check check (until is null or until >= since)
);
create unique index office_current_key on office (body_id, person_id, title) where until is null;

-- Motions voted in a body, and imperative mandates from a base to its delegates.

create table motion (
  id uuid primary key,
  body_id uuid not null references body (id),
  title text not null,
  text text not null,
  options text[] not null,
  kind text not null,
  base text not null,
  threshold double precision not null,
  quorum double precision not null,
  secret boolean not null,
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  status text not null default 'open',
  forwarded_from uuid references motion (id),
  amends uuid references motion (id),
  result jsonb,
  created_at timestamptz not null,
  constraint motion_kind_check check (kind in ('choice', 'ranking')),
  constraint motion_base_check check (base in ('cast', 'members')),
  constraint motion_status_check check (status in ('open', 'closed')),
  constraint motion_window_check check (closes_at > opens_at),
  constraint motion_options_check check (cardinality(options) between 2 and 50)
);
create index motion_body_idx on motion (body_id);

-- Roll-call votes, by name. `weight` is in hundredths of a vote: a delegate's weight
-- comes from the charter of the body that sent them (computed when the vote is cast).
create table motion_vote (
  motion_id uuid not null references motion (id),
  person_id uuid not null references person (id),
  seat_id uuid references seat (id),
  weight integer not null,
  choice integer,
  ranking integer[],
  cast_at timestamptz not null,
  primary key (motion_id, person_id),
  constraint motion_vote_weight_check check (weight > 0)
);

-- Secret votes: who voted, and what was voted, kept apart (as for elections).
create table motion_voter (
  motion_id uuid not null references motion (id),
  person_id uuid not null references person (id),
  primary key (motion_id, person_id)
);
create table motion_ballot (
  id uuid primary key,
  motion_id uuid not null references motion (id),
  weight integer not null,
  choice integer,
  ranking integer[],
  receipt_hash bytea not null,
  constraint motion_ballot_receipt_key unique (receipt_hash)
);
create index motion_ballot_motion_idx on motion_ballot (motion_id);

-- "Our delegates vote <option> on motion M above": adopted by a base body.
create table mandate (
  id uuid primary key,
  base_body_id uuid not null references body (id),
  motion_id uuid not null references motion (id),
  choice integer not null,
  adopted_at timestamptz not null,
  constraint mandate_once_key unique (base_body_id, motion_id)
);

create table mandate_breach (
  mandate_id uuid not null references mandate (id),
  person_id uuid not null references person (id),
  seat_id uuid not null references seat (id),
  voted integer not null,
  at timestamptz not null,
  primary key (mandate_id, person_id)
);

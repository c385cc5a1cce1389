-- Councils: charters, seats sent up to the parent body, elections with secret
-- ballots, and confidence that members can withdraw from their delegates at any time.

alter table body add column charter jsonb not null default '{}'::jsonb;

-- A seat belongs to a constituency (the body whose members elect and may recall its
-- holder) and sits in the constituency's parent body.
create table seat (
  id uuid primary key,
  constituency_id uuid not null references body (id),
  body_id uuid not null references body (id),
  number integer not null,
  holder_id uuid references person (id),
  term_id uuid,
  constraint seat_number_key unique (constituency_id, number)
);
create index seat_body_held_idx on seat (body_id) where holder_id is not null;
create index seat_holder_idx on seat (holder_id) where holder_id is not null;

-- Every holding of a seat, kept after it ends.
create table seat_term (
  id uuid primary key,
  seat_id uuid not null references seat (id),
  person_id uuid not null references person (id),
  election_id uuid,
  started_at timestamptz not null,
  ended_at timestamptz,
  end_reason text,
  constraint seat_term_end_check check ((ended_at is null) = (end_reason is null))
);
create unique index seat_term_current_key on seat_term (seat_id) where ended_at is null;

-- A member's withdrawn confidence in the current holder of their constituency's seat.
-- Restoring confidence deletes the row (both acts are on the audit chain).
create table confidence_withdrawal (
  term_id uuid not null references seat_term (id),
  person_id uuid not null references person (id),
  withdrawn_at timestamptz not null,
  primary key (term_id, person_id)
);

create table election (
  id uuid primary key,
  constituency_id uuid not null references body (id),
  method text not null,
  seat_ids uuid[] not null,
  opens_at timestamptz,
  closes_at timestamptz,
  status text not null,
  seed bigint not null,
  result jsonb,
  created_at timestamptz not null,
  constraint election_method_check check (method in ('stv', 'irv', 'plurality', 'approval', 'schulze')),
  constraint election_status_check check (status in ('nominating', 'open', 'counted')),
  constraint election_window_check check (status = 'nominating' or (opens_at is not null and closes_at > opens_at))
);
create index election_constituency_idx on election (constituency_id);

create table election_candidate (
  election_id uuid not null references election (id),
  position integer not null,
  person_id uuid not null references person (id),
  primary key (election_id, position),
  constraint election_candidate_person_key unique (election_id, person_id)
);

-- Secret ballot: who voted and what was voted are kept apart. Nothing links a row of
-- election_voter to a row of election_ballot: the ballot has a random id, no time and
-- no voter; the voter keeps a receipt whose hash is published beside the ballot.
create table election_voter (
  election_id uuid not null references election (id),
  person_id uuid not null references person (id),
  primary key (election_id, person_id)
);

create table election_ballot (
  id uuid primary key,
  election_id uuid not null references election (id),
  ranking integer[] not null,
  receipt_hash bytea not null,
  constraint election_ballot_receipt_key unique (receipt_hash)
);
create index election_ballot_election_idx on election_ballot (election_id);

-- Idempotency keys for retried writes (the `Idempotency-Key` request header).
-- A row is claimed before the write runs (status null) and completed with the answer,
-- so a retry is answered from here instead of writing twice.
create table idempotency_key (
  actor text not null,
  key text not null,
  method text not null,
  path text not null,
  request_hash bytea not null,
  status integer,
  response text,
  created_at timestamptz not null,
  primary key (actor, key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);

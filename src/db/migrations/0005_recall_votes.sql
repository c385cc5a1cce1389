-- Recall by petition and vote (the alternative charter rule), report-backs, and
-- notices raised to a base body.
alter table motion add column recall_term_id uuid references seat_term (id);
create unique index motion_recall_open_key on motion (recall_term_id) where recall_term_id is not null and status = 'open';

create table report_back (
  id uuid primary key,
  term_id uuid not null references seat_term (id),
  text text not null,
  at timestamptz not null
);
create index report_back_term_idx on report_back (term_id, at);

create table notice (
  id uuid primary key,
  body_id uuid not null references body (id),
  kind text not null,
  subject text not null,
  detail jsonb not null,
  at timestamptz not null,
  constraint notice_once_key unique (body_id, kind, subject)
);
create index notice_body_idx on notice (body_id, at);

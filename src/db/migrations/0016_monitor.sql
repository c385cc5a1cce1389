-- Monitor: indicators of each enterprise (a body of kind workplace, its workers'
-- council), daily reports from the enterprise's devices, the change filter's state per
-- series, and alerts that climb the councils until someone acts on them.

create table indicator (
  id uuid primary key,
  body_id uuid not null references body (id),
  code text not null,
  name text not null,
  kind text not null,
  unit text not null,
  -- the plan's product code, for an output indicator
  product text,
  created_at timestamptz not null,
  constraint indicator_code_key unique (body_id, code),
  constraint indicator_code_check check (code ~ '^[a-z0-9][a-z0-9_.-]{0,60}$'),
  constraint indicator_kind_check check (kind in ('output', 'absenteeism', 'stock', 'energy', 'transport', 'custom')),
  constraint indicator_product_check check ((kind = 'output') = (product is not null))
);

-- The plan value of an indicator for a day (the plan fills it from its targets).
create table indicator_plan (
  indicator_id uuid not null references indicator (id),
  day date not null,
  value double precision not null,
  primary key (indicator_id, day)
);

-- A bearer token (scope `report`) bound to the enterprise whose reports it sends.
create table monitor_device (
  token_id uuid primary key references api_token (id),
  body_id uuid not null references body (id),
  created_by text not null,
  created_at timestamptz not null
);
create index monitor_device_body_idx on monitor_device (body_id);

-- Requests per device per minute, for the flood limit.
create table monitor_device_rate (
  token_id uuid not null references api_token (id),
  minute timestamptz not null,
  requests integer not null,
  primary key (token_id, minute)
);

-- One value per indicator and day. `filtered` is false for a day that arrived after a
-- later day had already gone through the filter (the filter only moves forward).
create table report (
  indicator_id uuid not null references indicator (id),
  day date not null,
  value double precision not null,
  token_id uuid references api_token (id),
  received_at timestamptz not null,
  filtered boolean not null,
  primary key (indicator_id, day)
);

-- The filter's state of each series (plain JSON, see src/monitor/filter/model.ts) and its
-- last forecast, updated with every new value.
create table series_state (
  indicator_id uuid primary key references indicator (id),
  last_day date not null,
  state jsonb not null,
  forecast double precision not null,
  lower double precision not null,
  upper double precision not null,
  change_probability double precision not null
);

create table alert (
  id uuid primary key,
  -- the enterprise the alert is about, and the series (null: about the enterprise)
  enterprise_id uuid not null references body (id),
  indicator_id uuid references indicator (id),
  kind text not null,
  day date not null,
  detail jsonb not null,
  -- where it is now on the ladder (0 = the workers' council) and until when
  at_body_id uuid not null references body (id),
  level integer not null default 0,
  status text not null default 'open',
  opened_at timestamptz not null,
  deadline timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references person (id),
  acted_at timestamptz,
  acted_by uuid references person (id),
  note text,
  constraint alert_kind_check check (kind in ('change', 'fulfilment', 'late')),
  constraint alert_status_check check (status in ('open', 'acknowledged', 'acted')),
  constraint alert_acted_check check ((status = 'acted') = (acted_at is not null and note is not null))
);
-- one live alert per series and kind: a second signal while one is being dealt with is the same incident
create unique index alert_live_key on alert (indicator_id, kind) where status <> 'acted';
create index alert_due_idx on alert (deadline) where status <> 'acted' and deadline is not null;
create index alert_body_idx on alert (at_body_id, status);
create index alert_enterprise_idx on alert (enterprise_id, opened_at);

-- The ladder an alert climbed: step 0 is where it opened.
create table alert_step (
  alert_id uuid not null references alert (id),
  level integer not null,
  body_id uuid not null references body (id),
  at timestamptz not null,
  deadline timestamptz,
  primary key (alert_id, level)
);

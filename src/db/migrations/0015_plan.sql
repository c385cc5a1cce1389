-- The plan: an input–output model owned by a body (its planning office: holders of the
-- office `planner` there, and administrators), products grouped in sectors, techniques
-- (the table's own, one per product, and the enterprises'), enterprises (workers'
-- councils: bodies of kind workplace), a mapping from supply goods to products, final
-- demand by source, solved variants, variant sets put to a motion, the adopted plans
-- (immutable, versioned), their targets per enterprise, product and month, and
-- counter-plans. Coefficients and quantities of the plan are real numbers (the units of
-- an IO table), not ledger quantities.

create table plan_model (
  id uuid primary key,
  body_id uuid not null references body (id),
  name text not null,
  created_at timestamptz not null
);
create index plan_model_body_idx on plan_model (body_id);

create table plan_product (
  model_id uuid not null references plan_model (id),
  code text not null,
  -- the position in the model's matrices (0-based, dense)
  idx int not null,
  name text not null,
  unit text not null,
  sector text not null,
  primary key (model_id, code),
  constraint plan_product_idx_key unique (model_id, idx)
);

create table plan_enterprise (
  body_id uuid primary key references body (id),
  model_id uuid not null references plan_model (id),
  region_id uuid references body (id),
  workforce int not null,
  created_at timestamptz not null,
  constraint plan_enterprise_workforce_check check (workforce >= 0)
);
create index plan_enterprise_model_idx on plan_enterprise (model_id);

-- A way of making a product: inputs per unit of output ({code: coefficient}), labour per
-- unit, capacity per month. enterprise_id null: the table's own technique for the product.
create table plan_technique (
  id uuid primary key,
  model_id uuid not null references plan_model (id),
  product_code text not null,
  enterprise_id uuid references plan_enterprise (body_id),
  inputs jsonb not null,
  labour double precision not null,
  capacity double precision,
  foreign key (model_id, product_code) references plan_product (model_id, code),
  constraint plan_technique_labour_check check (labour >= 0),
  constraint plan_technique_capacity_check check (capacity is null or capacity >= 0)
);
create unique index plan_technique_table_key on plan_technique (model_id, product_code) where enterprise_id is null;
create index plan_technique_enterprise_idx on plan_technique (enterprise_id);

-- A supply good (good.code) counts as `per_unit` units of a product per unit of the good.
create table plan_good_product (
  model_id uuid not null references plan_model (id),
  good_code text not null,
  product_code text not null,
  per_unit double precision not null,
  primary key (model_id, good_code),
  foreign key (model_id, product_code) references plan_product (model_id, code),
  constraint plan_good_product_per_unit_check check (per_unit > 0)
);

create table plan_demand (
  id uuid primary key,
  model_id uuid not null references plan_model (id),
  product_code text not null,
  source text not null,
  amount double precision not null,
  note text not null default '',
  created_at timestamptz not null,
  foreign key (model_id, product_code) references plan_product (model_id, code),
  constraint plan_demand_source_check check (source in ('table', 'assembly', 'supply', 'reserve', 'investment', 'export'))
);
create index plan_demand_model_idx on plan_demand (model_id);

create table plan_variant (
  id uuid primary key,
  -- the order variants were made in, for side-by-side views
  seq bigint generated always as identity,
  model_id uuid not null references plan_model (id),
  name text not null,
  method text not null,
  spec jsonb not null,
  result jsonb not null,
  created_at timestamptz not null,
  constraint plan_variant_method_check check (method in ('leontief', 'lp'))
);
create index plan_variant_model_idx on plan_variant (model_id);

-- A variant set put to a motion: option i of the motion is variant_ids[i].
create table plan_vote (
  motion_id uuid primary key references motion (id),
  model_id uuid not null references plan_model (id),
  variant_ids uuid[] not null,
  month date not null,
  constraint plan_vote_month_check check (extract(day from month) = 1)
);

create table plan_adopted (
  id uuid primary key,
  model_id uuid not null references plan_model (id),
  version int not null,
  variant_id uuid not null references plan_variant (id),
  motion_id uuid not null references motion (id),
  month date not null,
  result jsonb not null,
  adopted_at timestamptz not null,
  constraint plan_adopted_version_key unique (model_id, version),
  constraint plan_adopted_motion_key unique (motion_id)
);

create table plan_target (
  plan_id uuid not null references plan_adopted (id),
  enterprise_id uuid not null references plan_enterprise (body_id),
  product_code text not null,
  month date not null,
  quantity double precision not null,
  primary key (plan_id, enterprise_id, product_code)
);
create index plan_target_enterprise_idx on plan_target (enterprise_id, month);

-- An adopted plan and its targets are never changed: a new plan is a new version.
create function plan_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'an adopted plan is immutable (%)', tg_table_name using errcode = '55000';
end $$;
create trigger plan_adopted_immutable before update or delete on plan_adopted for each row execute function plan_immutable();
create trigger plan_target_immutable before update or delete on plan_target for each row execute function plan_immutable();

create table plan_counter (
  id uuid primary key,
  plan_id uuid not null references plan_adopted (id),
  enterprise_id uuid not null references plan_enterprise (body_id),
  product_code text not null,
  capacity double precision not null,
  reason text not null,
  proposed_by uuid not null references person (id),
  created_at timestamptz not null,
  constraint plan_counter_capacity_check check (capacity >= 0)
);
create index plan_counter_plan_idx on plan_counter (plan_id);

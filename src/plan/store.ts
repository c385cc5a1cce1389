/** The plan's SQL. */
import type { Queryable } from '../db/db.js';
import type { DemandRow, DemandSource, Product, Technique, VariantResult } from './model.js';

export interface ModelRow {
  id: string;
  body_id: string;
  name: string;
  created_at: Date;
}

export async function modelById(q: Queryable, id: string): Promise<ModelRow | undefined> {
  return (await q.query<ModelRow>('select id, body_id, name, created_at from plan_model where id = $1', [id]))[0];
}

export async function insertModel(q: Queryable, m: ModelRow): Promise<void> {
  await q.query('insert into plan_model (id, body_id, name, created_at) values ($1, $2, $3, $4)', [m.id, m.body_id, m.name, m.created_at]);
}

export async function insertProducts(q: Queryable, modelId: string, ps: readonly Product[]): Promise<void> {
  await q.query(
    `insert into plan_product (model_id, code, idx, name, unit, sector)
     select $1, u.code, u.idx, u.name, u.unit, u.sector from unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) as u(code, idx, name, unit, sector)`,
    [modelId, ps.map((p) => p.code), ps.map((p) => p.idx), ps.map((p) => p.name), ps.map((p) => p.unit), ps.map((p) => p.sector)],
  );
}

export async function productsOf(q: Queryable, modelId: string): Promise<Product[]> {
  return q.query<Product>('select code, idx, name, unit, sector from plan_product where model_id = $1 order by idx', [modelId]);
}

export async function insertTechniques(q: Queryable, modelId: string, ts: readonly Technique[]): Promise<void> {
  await q.query(
    `insert into plan_technique (id, model_id, product_code, enterprise_id, inputs, labour, capacity)
     select u.id, $1, u.product, u.enterprise, u.inputs::jsonb, u.labour, u.capacity
     from unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::float8[], $7::float8[]) as u(id, product, enterprise, inputs, labour, capacity)`,
    [modelId, ts.map((t) => t.id), ts.map((t) => t.product), ts.map((t) => t.enterpriseId), ts.map((t) => JSON.stringify(t.inputs)), ts.map((t) => t.labour), ts.map((t) => t.capacity)],
  );
}

export async function techniquesOf(q: Queryable, modelId: string): Promise<Technique[]> {
  const rows = await q.query<{ id: string; product_code: string; enterprise_id: string | null; inputs: Record<string, number>; labour: number; capacity: number | null }>(
    'select id, product_code, enterprise_id, inputs, labour, capacity from plan_technique where model_id = $1 order by enterprise_id nulls first, product_code, id',
    [modelId],
  );
  return rows.map((r) => ({ id: r.id, product: r.product_code, enterpriseId: r.enterprise_id, inputs: r.inputs, labour: r.labour, capacity: r.capacity }));
}

export async function insertDemand(q: Queryable, modelId: string, at: Date, rows: readonly DemandRow[]): Promise<void> {
  await q.query(
    `insert into plan_demand (id, model_id, product_code, source, amount, note, created_at)
     select u.id, $1, u.product, u.source, u.amount, u.note, $2 from unnest($3::uuid[], $4::text[], $5::text[], $6::float8[], $7::text[]) as u(id, product, source, amount, note)`,
    [modelId, at, rows.map((r) => r.id), rows.map((r) => r.product), rows.map((r) => r.source), rows.map((r) => r.amount), rows.map((r) => r.note)],
  );
}

export async function demandOf(q: Queryable, modelId: string): Promise<DemandRow[]> {
  return q.query<DemandRow>(
    `select d.id, d.product_code as product, d.source, d.amount, d.note from plan_demand d join plan_product p on p.model_id = d.model_id and p.code = d.product_code
     where d.model_id = $1 order by p.idx, d.source, d.created_at, d.id`,
    [modelId],
  );
}

export async function deleteDemandOfSource(q: Queryable, modelId: string, source: DemandSource): Promise<void> {
  await q.query('delete from plan_demand where model_id = $1 and source = $2', [modelId, source]);
}

export interface VariantRow {
  id: string;
  model_id: string;
  name: string;
  method: string;
  spec: unknown;
  result: VariantResult;
  created_at: Date;
}

export async function variantsOf(q: Queryable, modelId: string, ids?: readonly string[]): Promise<VariantRow[]> {
  return q.query<VariantRow>(
    'select id, model_id, name, method, spec, result, created_at from plan_variant where model_id = $1 and ($2::uuid[] is null or id = any($2::uuid[])) order by seq',
    [modelId, ids ?? null],
  );
}

export interface AdoptedRow {
  id: string;
  model_id: string;
  version: number;
  variant_id: string;
  motion_id: string;
  month: string;
  result: VariantResult;
  adopted_at: Date;
}

export async function adoptedById(q: Queryable, id: string): Promise<AdoptedRow | undefined> {
  return (
    await q.query<AdoptedRow>(
      `select id, model_id, version, variant_id, motion_id, to_char(month, 'YYYY-MM-DD') as month, result, adopted_at from plan_adopted where id = $1`,
      [id],
    )
  )[0];
}

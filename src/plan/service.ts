/** The plan's use-cases, one transaction each (docs/PLAN.md). */
import { personOf, type Actor } from '../core/actor.js';
import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { problem } from '../core/problem.js';
import type { Db, Queryable, Tx } from '../db/db.js';
import { holdsOffice, isMember, onMotionClose, proposeMotionIn, type ClosedMotion } from '../councils/index.js';
import { isAdminActor } from '../people/index.js';
import { unmetByGood } from '../supply/index.js';
import { daysInMonth, finalDemand, solveBalanced, splitTargets } from './balance.js';
import { IoFileError, parseCanonical } from './io/index.js';
import { DEMAND_SOURCES, type DemandRow, type DemandSource, type Product, type Target, type Technique, type VariantResult, type VariantSpec } from './model.js';
import { labourCoefficients, technicalCoefficients } from './solve/leontief.js';
import * as store from './store.js';

/** The planning office of a model: the holders of the office `planner` in the body that
 *  owns it, and administrators. */
export const PLANNER_OFFICE = 'planner';

async function requirePlanner(q: Queryable, actor: Actor, bodyId: string): Promise<void> {
  if (isAdminActor(actor)) return;
  const person = personOf(actor);
  if (!person) throw problem.unauthenticated('sign in first');
  if (!(await holdsOffice(q, person, bodyId, PLANNER_OFFICE))) throw problem.forbidden(`only the planning office (office "${PLANNER_OFFICE}" in the body that owns the plan) may do this`, 'not_planner');
}

async function requireModel(q: Queryable, modelId: string): Promise<store.ModelRow> {
  const m = await store.modelById(q, modelId);
  if (!m) throw problem.notFound('modelId', 'no such plan model');
  return m;
}

const finite = (v: number, field: string, min = -Infinity) => {
  if (!Number.isFinite(v) || v < min) throw problem.invalid(field, min === 0 ? 'must be a finite number ≥ 0' : 'must be a finite number');
  return v;
};

export interface ImportSummary {
  modelId: string | null;
  sectors: number;
  flows: number;
  hasLabour: boolean;
  /** Largest |x − (I − A)⁻¹·d| / x over the sectors, d the table's own final demand. */
  reproduction: number;
  dryRun: boolean;
}

/**
 * Imports a canonical IO table (docs/formats.md) as a new model owned by `bodyId`: one
 * product per sector (its own sector), its technique from A = Z·diag(x)⁻¹ and labour per
 * unit, and the table's final demand as demand rows of source `table`. A table that does
 * not parse or is not productive is refused naming the line or the sectors; nothing is written.
 */
export async function importTable(ctx: Ctx, input: { bodyId: string; name: string; csv: string; unit?: string; dryRun?: boolean }): Promise<ImportSummary> {
  if (!input.name.trim()) throw problem.invalid('name', 'must not be empty');
  let table;
  try {
    table = parseCanonical(input.csv);
  } catch (e) {
    if (e instanceof IoFileError) throw new IoTableProblem(e).problem;
    throw e;
  }
  const n = table.sectors.length;
  const a = technicalCoefficients(table.flows, table.totalOutput);
  const l = table.labour ? labourCoefficients(table.labour, table.totalOutput) : new Float64Array(n);
  const products: Product[] = table.sectors.map((code, idx) => ({ code, idx, name: code, unit: input.unit ?? 'unit', sector: code }));
  const techniques: Technique[] = products.map((p, j) => {
    const inputs: Record<string, number> = {};
    // A is CSR by rows (inputs); column j is gathered from every row
    return { id: '', product: p.code, enterpriseId: null, inputs, labour: l[j]!, capacity: null };
  });
  for (let i = 0; i < n; i++) for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) techniques[a.colIdx[p]!]!.inputs[table.sectors[i]!] = a.values[p]!;
  const solved = solveBalanced(products, techniques, table.finalDemand);
  let reproduction = 0;
  solved.products.forEach((line, j) => {
    const x = table.totalOutput[j]!;
    if (x > 0) reproduction = Math.max(reproduction, Math.abs(line.output - x) / x);
  });
  const summary = { sectors: n, flows: a.values.length, hasLabour: !!table.labour, reproduction, dryRun: !!input.dryRun };
  return ctx.db.transaction(async (tx) => {
    const body = await getBodyOr404(tx, input.bodyId);
    await requirePlanner(tx, ctx.actor, body);
    if (input.dryRun) return { modelId: null, ...summary };
    const id = ctx.ids.uuid();
    await store.insertModel(tx, { id, body_id: body, name: input.name.trim(), created_at: ctx.clock.now() });
    await store.insertProducts(tx, id, products);
    await store.insertTechniques(tx, id, techniques.map((t) => ({ ...t, id: ctx.ids.uuid() })));
    await store.insertDemand(
      tx,
      id,
      ctx.clock.now(),
      products.map((p, j) => ({ id: ctx.ids.uuid(), product: p.code, source: 'table' as const, amount: table.finalDemand[j]!, note: 'the table’s final demand' })),
    );
    await appendAudit(tx, ctx, { action: 'plan.model.import', subject: `plan_model:${id}`, payload: { body, name: input.name.trim(), sectors: n, flows: a.values.length, reproduction } });
    return { modelId: id, ...summary };
  });
}

class IoTableProblem {
  readonly problem;
  constructor(e: IoFileError) {
    this.problem = problem.invalid(e.line > 0 ? `line ${e.line}` : 'file', e.reason, 'bad_table');
  }
}

async function getBodyOr404(q: Queryable, bodyId: string): Promise<string> {
  const rows = await q.query<{ id: string }>('select id from body where id = $1', [bodyId]);
  if (!rows.length) throw problem.notFound('bodyId', 'no such body');
  return rows[0]!.id;
}

/** The model: its products with their table technique, the enterprises and their techniques. */
export async function getModel(ctx: Ctx, modelId: string) {
  const m = await requireModel(ctx.db, modelId);
  const [products, techniques, enterprises] = await Promise.all([
    store.productsOf(ctx.db, modelId),
    store.techniquesOf(ctx.db, modelId),
    ctx.db.query<{ body_id: string; name: string; region_id: string | null; workforce: number }>(
      'select e.body_id, b.name, e.region_id, e.workforce from plan_enterprise e join body b on b.id = e.body_id where e.model_id = $1 order by b.name',
      [modelId],
    ),
  ]);
  return {
    id: m.id,
    bodyId: m.body_id,
    name: m.name,
    products: products.map((p) => {
      const t = techniques.find((x) => x.product === p.code && x.enterpriseId === null);
      return { ...p, inputs: t?.inputs ?? {}, labour: t?.labour ?? 0 };
    }),
    enterprises: enterprises.map((e) => ({
      bodyId: e.body_id,
      name: e.name,
      regionId: e.region_id,
      workforce: e.workforce,
      techniques: techniques.filter((t) => t.enterpriseId === e.body_id).map((t) => ({ id: t.id, product: t.product, inputs: t.inputs, labour: t.labour, capacity: t.capacity })),
    })),
  };
}

export interface EnterpriseInput {
  bodyId: string;
  regionId?: string;
  workforce: number;
  /** The products it makes: capacity per month; inputs and labour default to the table's technique. */
  techniques: { product: string; capacity: number; labour?: number; inputs?: Record<string, number> }[];
}

/** Makes a workplace body an enterprise of the model (planning office). */
export async function registerEnterprise(ctx: Ctx, modelId: string, input: EnterpriseInput) {
  return ctx.db.transaction(async (tx) => {
    const m = await requireModel(tx, modelId);
    await requirePlanner(tx, ctx.actor, m.body_id);
    const [body] = await tx.query<{ id: string; kind: string }>('select id, kind from body where id = $1', [input.bodyId]);
    if (!body) throw problem.notFound('bodyId', 'no such body');
    if (body.kind !== 'workplace') throw problem.invalid('bodyId', `an enterprise is a workers' council (a body of kind workplace), not a ${body.kind}`, 'not_workplace');
    if (input.regionId !== undefined && !(await tx.query('select 1 from body where id = $1', [input.regionId])).length) throw problem.invalid('regionId', 'no such body');
    finite(input.workforce, 'workforce', 0);
    const products = new Map((await store.productsOf(tx, modelId)).map((p) => [p.code, p]));
    const table = new Map((await store.techniquesOf(tx, modelId)).filter((t) => t.enterpriseId === null).map((t) => [t.product, t]));
    const techniques: Technique[] = input.techniques.map((t, k) => {
      if (!products.has(t.product)) throw problem.invalid(`techniques/${k}/product`, `unknown product "${t.product}"`, 'unknown_product');
      finite(t.capacity, `techniques/${k}/capacity`, 0);
      if (t.labour !== undefined) finite(t.labour, `techniques/${k}/labour`, 0);
      for (const [code, a] of Object.entries(t.inputs ?? {})) {
        if (!products.has(code)) throw problem.invalid(`techniques/${k}/inputs/${code}`, `unknown product "${code}"`, 'unknown_product');
        finite(a, `techniques/${k}/inputs/${code}`, 0);
      }
      const base = table.get(t.product);
      return { id: ctx.ids.uuid(), product: t.product, enterpriseId: body.id, inputs: t.inputs ?? base?.inputs ?? {}, labour: t.labour ?? base?.labour ?? 0, capacity: t.capacity };
    });
    const rows = await tx.query(
      'insert into plan_enterprise (body_id, model_id, region_id, workforce, created_at) values ($1, $2, $3, $4, $5) on conflict (body_id) do nothing returning body_id',
      [body.id, modelId, input.regionId ?? null, input.workforce, ctx.clock.now()],
    );
    if (!rows.length) throw problem.conflict('bodyId', 'this body is already an enterprise of a plan model', 'already_enterprise');
    await store.insertTechniques(tx, modelId, techniques);
    await appendAudit(tx, ctx, { action: 'plan.enterprise.register', subject: `body:${body.id}`, payload: { model: modelId, workforce: input.workforce, techniques: techniques.map((t) => ({ product: t.product, capacity: t.capacity, labour: t.labour })) } });
    return { bodyId: body.id, techniques: techniques.map((t) => ({ id: t.id, product: t.product, capacity: t.capacity, labour: t.labour })) };
  });
}

/** Maps supply goods (by code) to products (planning office). */
export async function mapGoods(ctx: Ctx, modelId: string, rows: { good: string; product: string; perUnit: number }[]) {
  return ctx.db.transaction(async (tx) => {
    const m = await requireModel(tx, modelId);
    await requirePlanner(tx, ctx.actor, m.body_id);
    const products = new Set((await store.productsOf(tx, modelId)).map((p) => p.code));
    rows.forEach((r, k) => {
      if (!products.has(r.product)) throw problem.invalid(`${k}/product`, `unknown product "${r.product}"`, 'unknown_product');
      if (!(Number.isFinite(r.perUnit) && r.perUnit > 0)) throw problem.invalid(`${k}/perUnit`, 'must be a number > 0');
    });
    await tx.query(
      `insert into plan_good_product (model_id, good_code, product_code, per_unit) select $1, u.g, u.p, u.k from unnest($2::text[], $3::text[], $4::float8[]) as u(g, p, k)
       on conflict (model_id, good_code) do update set product_code = excluded.product_code, per_unit = excluded.per_unit`,
      [modelId, rows.map((r) => r.good), rows.map((r) => r.product), rows.map((r) => r.perUnit)],
    );
    await appendAudit(tx, ctx, { action: 'plan.goods.map', subject: `plan_model:${modelId}`, payload: { rows } });
    return { mapped: rows.length };
  });
}

/** Adds final-demand rows (assembly targets, reserves, investment, exports) (planning office). */
export async function addDemand(ctx: Ctx, modelId: string, rows: { product: string; source: DemandSource; amount: number; note?: string }[]) {
  return ctx.db.transaction(async (tx) => {
    const m = await requireModel(tx, modelId);
    await requirePlanner(tx, ctx.actor, m.body_id);
    const products = new Set((await store.productsOf(tx, modelId)).map((p) => p.code));
    const out: DemandRow[] = rows.map((r, k) => {
      if (!products.has(r.product)) throw problem.invalid(`${k}/product`, `demand for unknown product "${r.product}"`, 'unknown_product');
      if (!DEMAND_SOURCES.includes(r.source) || r.source === 'table' || r.source === 'supply')
        throw problem.invalid(`${k}/source`, 'must be assembly, reserve, investment or export (table and supply rows come from the import and from supply)');
      return { id: ctx.ids.uuid(), product: r.product, source: r.source, amount: finite(r.amount, `${k}/amount`), note: r.note ?? '' };
    });
    await store.insertDemand(tx, modelId, ctx.clock.now(), out);
    await appendAudit(tx, ctx, { action: 'plan.demand.add', subject: `plan_model:${modelId}`, payload: { rows: out.map(({ id: _, ...r }) => r) } });
    return out;
  });
}

/**
 * Replaces the model's `supply` demand with the unmet need of a supply period (through
 * src/supply/index.ts): each mapped good's unmet quantity times its units of product.
 * Goods with no product mapped are returned as `unmapped`.
 */
export async function demandFromSupply(ctx: Ctx, modelId: string, periodId: string) {
  return ctx.db.transaction(async (tx) => {
    const m = await requireModel(tx, modelId);
    await requirePlanner(tx, ctx.actor, m.body_id);
    if (!(await tx.query('select 1 from ration_period where id = $1', [periodId])).length) throw problem.notFound('periodId', 'no such supply period');
    const map = new Map(
      (await tx.query<{ good_code: string; product_code: string; per_unit: number }>('select good_code, product_code, per_unit from plan_good_product where model_id = $1', [modelId])).map((r) => [r.good_code, r]),
    );
    const unmet = await unmetByGood(tx, periodId);
    const rows: DemandRow[] = [];
    const unmapped: string[] = [];
    for (const u of unmet) {
      if (u.unmet <= 0) continue;
      const g = map.get(u.good);
      if (!g) unmapped.push(u.good);
      else rows.push({ id: ctx.ids.uuid(), product: g.product_code, source: 'supply', amount: u.unmet * g.per_unit, note: `unmet need of ${u.good} (${u.unmet} ${u.unit}), period ${periodId}` });
    }
    await store.deleteDemandOfSource(tx, modelId, 'supply');
    await store.insertDemand(tx, modelId, ctx.clock.now(), rows);
    await appendAudit(tx, ctx, { action: 'plan.demand.supply', subject: `plan_model:${modelId}`, payload: { periodId, rows: rows.map(({ id: _, ...r }) => r), unmapped } });
    return { rows, unmapped };
  });
}

export async function demandOf(ctx: Ctx, modelId: string) {
  await requireModel(ctx.db, modelId);
  return store.demandOf(ctx.db, modelId);
}

/** Creates and solves a variant (planning office): balanced Leontief now; `lp` is the optimiser's. */
export async function createVariant(ctx: Ctx, modelId: string, input: { name: string; method?: 'leontief' | 'lp' } & VariantSpec) {
  if (!input.name.trim()) throw problem.invalid('name', 'must not be empty');
  const method = input.method ?? 'leontief';
  if (method !== 'leontief') throw problem.invalid('method', 'only the balanced plan (leontief) is available here; LP variants come from the optimiser', 'method_unavailable');
  for (const [source, f] of Object.entries(input.scale ?? {})) {
    if (!(DEMAND_SOURCES as readonly string[]).includes(source)) throw problem.invalid(`scale/${source}`, `not a demand source (${DEMAND_SOURCES.join(', ')})`);
    finite(f!, `scale/${source}`, 0);
  }
  (input.extra ?? []).forEach((e, k) => finite(e.amount, `extra/${k}/amount`));
  return ctx.db.transaction(async (tx) => {
    const m = await requireModel(tx, modelId);
    await requirePlanner(tx, ctx.actor, m.body_id);
    const products = await store.productsOf(tx, modelId);
    const spec: VariantSpec = { scale: input.scale ?? {}, extra: input.extra ?? [] };
    const d = finalDemand(products, await store.demandOf(tx, modelId), spec);
    const result = solveBalanced(products, await store.techniquesOf(tx, modelId), d);
    const id = ctx.ids.uuid();
    await tx.query('insert into plan_variant (id, model_id, name, method, spec, result, created_at) values ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7)', [
      id,
      modelId,
      input.name.trim(),
      method,
      JSON.stringify(spec),
      JSON.stringify(result),
      ctx.clock.now(),
    ]);
    await appendAudit(tx, ctx, { action: 'plan.variant.create', subject: `plan_variant:${id}`, payload: { model: modelId, name: input.name.trim(), method, spec, totalLabour: result.totalLabour, shortfalls: result.shortfalls } });
    return { id, name: input.name.trim(), spec, ...result };
  });
}

/** The variants of a model side by side (all, or those named). */
export async function compareVariants(ctx: Ctx, modelId: string, ids?: string[]) {
  await requireModel(ctx.db, modelId);
  const products = await store.productsOf(ctx.db, modelId);
  const variants = await store.variantsOf(ctx.db, modelId, ids);
  return {
    products: products.map((p) => ({ code: p.code, name: p.name, unit: p.unit, sector: p.sector })),
    variants: variants.map((v) => ({ id: v.id, name: v.name, spec: v.spec, ...v.result })),
  };
}

/**
 * Puts a set of variants to a motion in a body (through councils): option i is variant i,
 * named by the variant; `ranking` is decided by Schulze, `choice` by majority. When the
 * motion closes adopted, the winning variant becomes the model's next plan for `month`.
 */
export async function putToVote(ctx: Ctx, modelId: string, input: { bodyId: string; variantIds: string[]; month: string; kind?: 'choice' | 'ranking'; days?: number; title?: string }) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw problem.invalid('month', 'must be a month YYYY-MM');
  if (new Set(input.variantIds).size !== input.variantIds.length || input.variantIds.length < 2) throw problem.invalid('variantIds', 'give at least two different variants');
  return ctx.db.transaction(async (tx) => {
    const m = await requireModel(tx, modelId);
    await requirePlanner(tx, ctx.actor, m.body_id);
    const variants = await store.variantsOf(tx, modelId, input.variantIds);
    const missing = input.variantIds.filter((id) => !variants.some((v) => v.id === id));
    if (missing.length) throw problem.invalid('variantIds', `not variants of this model: ${missing.join(', ')}`, 'unknown_variant');
    const names = input.variantIds.map((id) => variants.find((v) => v.id === id)!.name);
    if (new Set(names).size !== names.length) throw problem.invalid('variantIds', 'the variants put to a vote need different names (they are the options)');
    const motion = await proposeMotionIn(tx, ctx, {
      bodyId: input.bodyId,
      title: input.title ?? `Plan ${input.month}: ${m.name}`,
      text: `Variants of the plan for ${input.month}, compared at /plan/models/${modelId}/variants.`,
      options: names,
      kind: input.kind ?? 'ranking',
      ...(input.days !== undefined ? { days: input.days } : {}),
    });
    await tx.query('insert into plan_vote (motion_id, model_id, variant_ids, month) values ($1, $2, $3::uuid[], $4)', [motion.id, modelId, input.variantIds, `${input.month}-01`]);
    await appendAudit(tx, ctx, { action: 'plan.vote', subject: `motion:${motion.id}`, payload: { model: modelId, variants: input.variantIds, month: input.month } });
    return { motionId: motion.id, options: names, closesAt: motion.closes_at.toISOString() };
  });
}

/** Run in the transaction that closes a motion: a variant set adopted becomes the next
 *  version of the plan, with its targets. */
async function adoptOnClose(tx: Tx, ctx: Ctx, motion: ClosedMotion): Promise<void> {
  const [vote] = await tx.query<{ model_id: string; variant_ids: string[]; month: string }>(
    `select model_id, variant_ids, to_char(month, 'YYYY-MM-DD') as month from plan_vote where motion_id = $1`,
    [motion.id],
  );
  if (!vote) return;
  if (motion.adopted === null) {
    await appendAudit(tx, ctx, { action: 'plan.not_adopted', subject: `motion:${motion.id}`, payload: { model: vote.model_id } });
    return;
  }
  const variantId = vote.variant_ids[motion.adopted]!;
  const [variant] = await store.variantsOf(tx, vote.model_id, [variantId]);
  const [{ v }] = (await tx.query<{ v: number }>('select coalesce(max(version), 0)::int + 1 as v from plan_adopted where model_id = $1', [vote.model_id])) as [{ v: number }];
  const id = ctx.ids.uuid();
  await tx.query(
    'insert into plan_adopted (id, model_id, version, variant_id, motion_id, month, result, adopted_at) values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)',
    [id, vote.model_id, v, variantId, motion.id, vote.month, JSON.stringify(variant!.result), ctx.clock.now()],
  );
  const { targets, unassigned } = splitTargets(variant!.result, await store.techniquesOf(tx, vote.model_id));
  await tx.query(
    `insert into plan_target (plan_id, enterprise_id, product_code, month, quantity)
     select $1, u.e, u.p, $2, u.q from unnest($3::uuid[], $4::text[], $5::float8[]) as u(e, p, q)`,
    [id, vote.month, targets.map((t) => t.enterpriseId), targets.map((t) => t.product), targets.map((t) => t.quantity)],
  );
  await appendAudit(tx, ctx, {
    action: 'plan.adopt',
    subject: `plan:${id}`,
    payload: { model: vote.model_id, version: v, variant: variantId, motion: motion.id, month: vote.month, totalLabour: variant!.result.totalLabour, targets: targets.length, unassigned },
  });
}
onMotionClose('plan', adoptOnClose);

/** An adopted plan with its targets. */
export async function getPlan(ctx: Ctx, planId: string) {
  const p = await store.adoptedById(ctx.db, planId);
  if (!p) throw problem.notFound('planId', 'no such plan');
  const targets = await ctx.db.query<{ enterprise_id: string; name: string; product_code: string; quantity: number }>(
    `select t.enterprise_id, b.name, t.product_code, t.quantity from plan_target t join body b on b.id = t.enterprise_id where t.plan_id = $1 order by b.name, t.product_code`,
    [planId],
  );
  return {
    id: p.id,
    modelId: p.model_id,
    version: p.version,
    variantId: p.variant_id,
    motionId: p.motion_id,
    month: p.month.slice(0, 7),
    adoptedAt: p.adopted_at.toISOString(),
    ...p.result,
    targets: targets.map((t) => ({ enterpriseId: t.enterprise_id, enterprise: t.name, product: t.product_code, monthly: t.quantity })),
  };
}

/** The plans adopted for a model, newest version first. */
export async function plansOf(ctx: Ctx, modelId: string) {
  await requireModel(ctx.db, modelId);
  const rows = await ctx.db.query<{ id: string; version: number; month: string; adopted_at: Date }>(
    `select id, version, to_char(month, 'YYYY-MM') as month, adopted_at from plan_adopted where model_id = $1 order by version desc`,
    [modelId],
  );
  return rows.map((r) => ({ id: r.id, version: r.version, month: r.month, adoptedAt: r.adopted_at.toISOString() }));
}

/**
 * What an enterprise is to make on `day` (YYYY-MM-DD): for each product, the target of the
 * latest plan version adopted for that month, per month and per day (the monthly target
 * spread evenly over the days of the month). The monitor reads this.
 */
export async function targetsOf(db: Queryable | Db, enterpriseBodyId: string, day: string): Promise<Target[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw problem.invalid('day', 'must be a date YYYY-MM-DD');
  const month = `${day.slice(0, 7)}-01`;
  const rows = await db.query<{ plan_id: string; version: number; product_code: string; unit: string; quantity: number }>(
    `select distinct on (a.model_id, t.product_code) a.id as plan_id, a.version, t.product_code, p.unit, t.quantity
     from plan_target t join plan_adopted a on a.id = t.plan_id join plan_product p on p.model_id = a.model_id and p.code = t.product_code
     where t.enterprise_id = $1 and t.month = $2::date
     order by a.model_id, t.product_code, a.version desc`,
    [enterpriseBodyId, month],
  );
  const days = daysInMonth(month);
  return rows.map((r) => ({ planId: r.plan_id, version: r.version, enterpriseId: enterpriseBodyId, product: r.product_code, unit: r.unit, month: month.slice(0, 7), monthly: r.quantity, daily: r.quantity / days }));
}

/** A member of an enterprise's council proposes a counter-plan: the capacity it really has
 *  for products of an adopted plan (e.g. one the plan overestimates). */
export async function proposeCounterPlan(ctx: Ctx, planId: string, input: { enterpriseId: string; items: { product: string; capacity: number; reason: string }[] }) {
  return ctx.db.transaction(async (tx) => {
    const plan = await store.adoptedById(tx, planId);
    if (!plan) throw problem.notFound('planId', 'no such plan');
    const person = personOf(ctx.actor);
    if (!person) throw problem.unauthenticated('sign in first');
    const [ent] = await tx.query<{ model_id: string }>('select model_id from plan_enterprise where body_id = $1', [input.enterpriseId]);
    if (!ent || ent.model_id !== plan.model_id) throw problem.invalid('enterpriseId', 'not an enterprise of this plan’s model', 'not_enterprise');
    if (!(await isMember(tx, person, input.enterpriseId))) throw problem.forbidden('only members of the enterprise’s council may propose its counter-plan', 'not_member');
    const products = new Set((await store.productsOf(tx, plan.model_id)).map((p) => p.code));
    const ids = input.items.map((it, k) => {
      if (!products.has(it.product)) throw problem.invalid(`items/${k}/product`, `unknown product "${it.product}"`, 'unknown_product');
      finite(it.capacity, `items/${k}/capacity`, 0);
      if (!it.reason.trim()) throw problem.invalid(`items/${k}/reason`, 'say why');
      return ctx.ids.uuid();
    });
    await tx.query(
      `insert into plan_counter (id, plan_id, enterprise_id, product_code, capacity, reason, proposed_by, created_at)
       select u.id, $1, $2, u.p, u.c, u.r, $3, $4 from unnest($5::uuid[], $6::text[], $7::float8[], $8::text[]) as u(id, p, c, r)`,
      [planId, input.enterpriseId, person, ctx.clock.now(), ids, input.items.map((i) => i.product), input.items.map((i) => i.capacity), input.items.map((i) => i.reason.trim())],
    );
    await appendAudit(tx, ctx, { action: 'plan.counter', subject: `plan:${planId}`, payload: { enterprise: input.enterpriseId, items: input.items } });
    return { ids };
  });
}

/** Plan and counter-plans side by side, per enterprise and product: the target, the
 *  capacity the counter-plan gives and the gap (target − capacity, > 0 when the plan asks
 *  more than the enterprise says it can make). Planning office. */
export async function counterPlans(ctx: Ctx, planId: string) {
  const plan = await store.adoptedById(ctx.db, planId);
  if (!plan) throw problem.notFound('planId', 'no such plan');
  const m = (await store.modelById(ctx.db, plan.model_id))!;
  await requirePlanner(ctx.db, ctx.actor, m.body_id);
  const rows = await ctx.db.query<{ id: string; enterprise_id: string; name: string; product_code: string; capacity: number; reason: string; quantity: number | null; created_at: Date }>(
    `select c.id, c.enterprise_id, b.name, c.product_code, c.capacity, c.reason, t.quantity, c.created_at
     from plan_counter c join body b on b.id = c.enterprise_id
     left join plan_target t on t.plan_id = c.plan_id and t.enterprise_id = c.enterprise_id and t.product_code = c.product_code
     where c.plan_id = $1 order by b.name, c.product_code, c.created_at`,
    [planId],
  );
  return rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterprise: r.name,
    product: r.product_code,
    target: r.quantity ?? 0,
    counterCapacity: r.capacity,
    gap: (r.quantity ?? 0) - r.capacity,
    reason: r.reason,
    proposedAt: r.created_at.toISOString(),
  }));
}

export type { VariantResult };

/**
 * Pure: a variant's balanced (Leontief) plan from the model's techniques and its final
 * demand, and the split of an adopted plan's outputs into enterprises' targets.
 */
import { problem } from '../core/problem.js';
import { csrFromTriplets } from './solve/csr.js';
import { balancedPlan, leontiefSolver, type LeontiefSolver } from './solve/leontief.js';
import { NotProductiveError } from './solve/productivity.js';
import type { DemandRow, Product, Technique, VariantLine, VariantResult, VariantSpec } from './model.js';

/** Final demand per product: the sum of the demand rows, each scaled by its source's factor,
 *  plus the spec's extra demand. Unknown products are refused, naming them. */
export function finalDemand(products: readonly Product[], rows: readonly DemandRow[], spec: VariantSpec): Float64Array {
  const at = new Map(products.map((p) => [p.code, p.idx]));
  const d = new Float64Array(products.length);
  for (const r of rows) d[at.get(r.product)!]! += r.amount * (spec.scale?.[r.source] ?? 1);
  (spec.extra ?? []).forEach((e, k) => {
    const i = at.get(e.product);
    if (i === undefined) throw problem.invalid(`extra/${k}/product`, `demand for unknown product "${e.product}"`, 'unknown_product');
    d[i]! += e.amount;
  });
  return d;
}

/** Solves x = (I − A)⁻¹·d with A from the table's technique of each product (enterprises'
 *  techniques only give capacities here; choosing among them is the LP's job). A
 *  non-productive A is refused naming its self-consuming sectors. */
export function solveBalanced(products: readonly Product[], techniques: readonly Technique[], d: Float64Array): VariantResult {
  const n = products.length;
  const at = new Map(products.map((p) => [p.code, p.idx]));
  const ri: number[] = [];
  const ci: number[] = [];
  const v: number[] = [];
  const l = new Float64Array(n);
  const capacity: (number | null)[] = new Array<number | null>(n).fill(null);
  for (const t of techniques) {
    const j = at.get(t.product)!;
    if (t.enterpriseId !== null) {
      if (t.capacity !== null) capacity[j] = (capacity[j] ?? 0) + t.capacity;
      continue;
    }
    l[j] = t.labour;
    for (const [code, a] of Object.entries(t.inputs)) {
      ri.push(at.get(code)!);
      ci.push(j);
      v.push(a);
    }
  }
  let solver: LeontiefSolver;
  try {
    solver = leontiefSolver(csrFromTriplets(n, n, ri, ci, v));
  } catch (e) {
    if (e instanceof NotProductiveError) {
      const names = e.sectors.slice(0, 10).map((i) => products[i]!.code);
      throw problem.invalid('table', `${e.message}; the sectors that need more of each other than they make: ${names.join(', ')}`, 'not_productive');
    }
    throw e;
  }
  const plan = balancedPlan(solver, d, l);
  const lines: VariantLine[] = products.map((p, j) => {
    const x = plan.output[j]!;
    const cap = capacity[j]!;
    return {
      product: p.code,
      finalDemand: d[j]!,
      output: x,
      labour: plan.labour![j]!,
      capacity: cap,
      slack: cap === null ? null : Math.max(0, cap - x),
      shortfall: cap === null ? 0 : Math.max(0, x - cap),
    };
  });
  return { method: 'leontief', solver: solver.method, products: lines, totalLabour: plan.totalLabour!, shortfalls: lines.filter((x) => x.shortfall > 0).map((x) => x.product) };
}

/**
 * Splits each product's planned output among the enterprises' techniques that make it,
 * in proportion to their capacity (equally where none has a capacity recorded). Products
 * no enterprise makes get no target; they are returned as `unassigned`.
 */
export function splitTargets(result: VariantResult, techniques: readonly Technique[]): { targets: { enterpriseId: string; product: string; quantity: number }[]; unassigned: string[] } {
  const makers = new Map<string, Technique[]>();
  for (const t of techniques) if (t.enterpriseId !== null) makers.set(t.product, [...(makers.get(t.product) ?? []), t]);
  const sums = new Map<string, { enterpriseId: string; product: string; quantity: number }>();
  const unassigned: string[] = [];
  for (const line of result.products) {
    if (line.output <= 0) continue;
    const ts = makers.get(line.product);
    if (!ts) {
      unassigned.push(line.product);
      continue;
    }
    const capTotal = ts.reduce((a, t) => a + (t.capacity ?? 0), 0);
    for (const t of ts) {
      const share = capTotal > 0 ? (t.capacity ?? 0) / capTotal : 1 / ts.length;
      const key = `${t.enterpriseId!} ${line.product}`;
      const row = sums.get(key) ?? { enterpriseId: t.enterpriseId!, product: line.product, quantity: 0 };
      row.quantity += line.output * share;
      sums.set(key, row);
    }
  }
  return { targets: [...sums.values()], unassigned };
}

/** Days in the month of `month` (YYYY-MM-01). */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

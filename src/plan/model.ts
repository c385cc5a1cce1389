/** The plan's types (docs/PLAN.md). */

export const DEMAND_SOURCES = ['table', 'assembly', 'supply', 'reserve', 'investment', 'export'] as const;
export type DemandSource = (typeof DEMAND_SOURCES)[number];

/** How a variant is solved: the balanced Leontief plan now; `lp` is filled by the optimiser. */
export const VARIANT_METHODS = ['leontief', 'lp'] as const;
export type VariantMethod = (typeof VARIANT_METHODS)[number];

export interface Product {
  code: string;
  idx: number;
  name: string;
  unit: string;
  sector: string;
}

/** A technique: inputs per unit of output, labour per unit, capacity per month (null: not limited). */
export interface Technique {
  id: string;
  product: string;
  enterpriseId: string | null;
  inputs: Record<string, number>;
  labour: number;
  capacity: number | null;
}

export interface DemandRow {
  id: string;
  product: string;
  source: DemandSource;
  amount: number;
  note: string;
}

/** What makes a variant differ: a factor per demand source (default 1) and extra final demand. */
export interface VariantSpec {
  scale?: Partial<Record<DemandSource, number>>;
  extra?: { product: string; amount: number }[];
}

/** One product's line of a solved variant. `capacity` is the enterprises' capacity for the
 *  product (null: none recorded); slack = capacity − output where ≥ 0, shortfall = output − capacity where > 0. */
export interface VariantLine {
  product: string;
  finalDemand: number;
  output: number;
  labour: number;
  capacity: number | null;
  slack: number | null;
  shortfall: number;
}

/** The shape every method fills in (the LP's too). */
export interface VariantResult {
  method: VariantMethod;
  solver: string;
  products: VariantLine[];
  totalLabour: number;
  /** Products whose output exceeds capacity. */
  shortfalls: string[];
}

/** A target: what one enterprise is to make of one product in one month. */
export interface Target {
  planId: string;
  version: number;
  enterpriseId: string;
  product: string;
  unit: string;
  month: string;
  monthly: number;
  daily: number;
}

/**
 * A household's need of one good for one period, from the good's rule.
 *
 * Weights are kept in tenths of an equivalent adult so that every need is computed in
 * integers: 0.3 is not a binary fraction, and 1000 × 1.3 in floating point is
 * 1299.9999999999998, which would round to the wrong unit.
 */

/** An equivalence scale in tenths of an adult. */
export interface ScaleTenths {
  /** The household's first person, whatever their age. */
  first: number;
  /** Each further adult. */
  adult: number;
  /** Each further child. */
  child: number;
  /** Each further infant. */
  infant: number;
}

/** The OECD-modified scale: 1 for the first person, 0.5 for each further adult, 0.3 for each child or infant. */
export const OECD_MODIFIED: Readonly<ScaleTenths> = { first: 10, adult: 5, child: 3, infant: 3 };

export interface HouseholdCounts {
  adults: number;
  children: number;
  infants: number;
}

/**
 * How much of a good a household needs per period, in the good's integer unit:
 * - `equivalent_adult`: `perAdult` per equivalent adult (flour, oil, rice);
 * - `per_child`: `perChild` for each child, nothing for adults or infants (milk);
 * - `per_infant`: `perInfant` for each infant (formula).
 */
export type NeedRule =
  | { kind: 'equivalent_adult'; perAdult: number; scale?: ScaleTenths }
  | { kind: 'per_child'; perChild: number }
  | { kind: 'per_infant'; perInfant: number };

/**
 * The household's size in tenths of an equivalent adult. The first person counts
 * `first` whether adult, child or infant (a household of two children is 10 + 3); a
 * household of nobody weighs 0.
 */
export function equivalentTenths(c: HouseholdCounts, scale: ScaleTenths = OECD_MODIFIED): number {
  if (c.adults > 0) return scale.first + (c.adults - 1) * scale.adult + c.children * scale.child + c.infants * scale.infant;
  if (c.children > 0) return scale.first + (c.children - 1) * scale.child + c.infants * scale.infant;
  if (c.infants > 0) return scale.first + (c.infants - 1) * scale.infant;
  return 0;
}

/** round(units × tenths / 10) with halves rounded up, in exact integer arithmetic. */
function roundTenths(units: number, tenths: number): number {
  const q = units * tenths + 5;
  return (q - (q % 10)) / 10;
}

/** The household's need under the rule: `round(perAdult × weight)` (halves up), or per child, or per infant. */
export function householdNeed(rule: NeedRule, c: HouseholdCounts): number {
  switch (rule.kind) {
    case 'equivalent_adult':
      return roundTenths(rule.perAdult, equivalentTenths(c, rule.scale));
    case 'per_child':
      return rule.perChild * c.children;
    case 'per_infant':
      return rule.perInfant * c.infants;
  }
}

/**
 * The weight by which `maxmin` and `priority` compare households, in tenths: the
 * equivalent adults for a per-adult good, the children for milk, the infants for
 * formula — so "the same level for everyone" means per equivalent adult, per child or
 * per infant, whichever the good is counted in.
 */
export function householdWeight(rule: NeedRule, c: HouseholdCounts): number {
  switch (rule.kind) {
    case 'equivalent_adult':
      return equivalentTenths(c, rule.scale);
    case 'per_child':
      return 10 * c.children;
    case 'per_infant':
      return 10 * c.infants;
  }
}

/** Counts of many households as columns (index i is one household). */
export interface CountColumns {
  adults: ArrayLike<number>;
  children: ArrayLike<number>;
  infants: ArrayLike<number>;
  /** 1 for a household with a special need (served first by `priority`), else 0. */
  special?: ArrayLike<number>;
}

/** Needs and weights of every household under one rule, without an object per household. */
export function householdClaims(rule: NeedRule, counts: CountColumns): { need: Float64Array; weight: Float64Array; special: Uint8Array } {
  checkRule(rule);
  const n = counts.adults.length;
  const need = new Float64Array(n);
  const weight = new Float64Array(n);
  const special = new Uint8Array(n);
  const c: HouseholdCounts = { adults: 0, children: 0, infants: 0 };
  for (let i = 0; i < n; i++) {
    c.adults = counts.adults[i]!;
    c.children = counts.children[i]!;
    c.infants = counts.infants[i]!;
    need[i] = householdNeed(rule, c);
    weight[i] = householdWeight(rule, c);
    special[i] = counts.special?.[i] ? 1 : 0;
  }
  return { need, weight, special };
}

function checkRule(rule: NeedRule): void {
  const [name, per] =
    rule.kind === 'equivalent_adult' ? ['perAdult', rule.perAdult] : rule.kind === 'per_child' ? ['perChild', rule.perChild] : ['perInfant', rule.perInfant];
  if (!Number.isSafeInteger(per) || per < 0) throw new RangeError(`${name}: must be a whole number ≥ 0, got ${per}`);
  if (rule.kind === 'equivalent_adult' && rule.scale)
    for (const [k, v] of Object.entries(rule.scale))
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`scale.${k}: must be whole tenths ≥ 0, got ${v}`);
}

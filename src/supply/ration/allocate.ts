import { seededRandom } from '../../core/seeded.js';
import { drawLots, fillToLevel } from './level.js';

export type RationMethod = 'proportional' | 'maxmin' | 'priority';
export const RATION_METHODS: readonly RationMethod[] = ['proportional', 'maxmin', 'priority'];

/** Need, weight and tier of each household, as columns (index i is one household). */
export interface ClaimColumns {
  /** Whole units ≥ 0. */
  need: ArrayLike<number>;
  /** 1e-9 … 1e15 wherever need > 0, else 0 allowed (any scale: only ratios matter). Unused by `proportional`. */
  weight: ArrayLike<number>;
  /** Non-zero = special need, served first by `priority`. Absent: nobody is special. */
  special?: ArrayLike<number>;
}

/**
 * Shares `stock` units of one good among households. When the stock covers every need,
 * everyone gets their need; otherwise
 * - `proportional`: shares in proportion to need (the level is "fraction of need");
 * - `maxmin`: water-filling per unit of weight — everyone the same ration per equivalent
 *   adult, except those whose need is met below that level;
 * - `priority`: special-need households first (maxmin among them); the others share
 *   what is left (maxmin), and get nothing until every special need is met.
 *
 * Whole units by a common level rounded to the nearest unit (level.ts); units released
 * at the same level go by lots drawn from `seed` (household i's lot is the i-th draw of
 * seededRandom(seed)), which do not depend on the stock. Invariants (checked by the
 * tests): Σ ration = min(stock, Σ need); no ration exceeds its need; households with
 * equal need, weight and tier differ by at most one unit; with more stock (same
 * households and seed) no ration goes down. (Largest remainders would break that last
 * one — the Alabama paradox — which is why the remainders are settled by the level.)
 */
export function allocateRations(stock: number, claims: ClaimColumns, method: RationMethod, seed: number): Float64Array {
  return allocateByLot(stock, claims, method, drawLots(claims.need.length, seededRandom(seed)));
}

/** As allocateRations, with each household's lot given (lower lot first among equal thresholds, then lower index). */
export function allocateByLot(stock: number, claims: ClaimColumns, method: RationMethod, lots: Uint32Array): Float64Array {
  if (!Number.isSafeInteger(stock) || stock < 0) throw new RangeError(`stock: must be a whole number ≥ 0, got ${stock}`);
  const n = claims.need.length;
  if (claims.weight.length !== n || (claims.special && claims.special.length !== n) || lots.length !== n)
    throw new RangeError('need, weight, special and lots must have one entry per household');
  const need = new Float64Array(claims.need);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = need[i]!;
    if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`need[${i}]: must be a whole number ≥ 0, got ${c}`);
    total += c;
  }
  // Below 2⁵² every level (2k − 1) / 2w is exact in its numerator and a household's levels strictly increase.
  if (total > 2 ** 52) throw new RangeError(`the needs add up to more than 2^52 units`);
  if (method === 'proportional') return fillToLevel(stock, need, need, lots);

  const weight = new Float64Array(claims.weight);
  for (let i = 0; i < n; i++) {
    const w = weight[i]!;
    // Bounded so every level (2k − 1) / 2w is a finite positive double.
    if (need[i]! > 0 ? !(w >= 1e-9 && w <= 1e15) : !(w >= 0 && w <= 1e15))
      throw new RangeError(`weight[${i}]: must be from 1e-9 to 1e15 for a household in need (0 allowed without need), got ${w}`);
  }
  if (method === 'maxmin' || !claims.special) return fillToLevel(stock, need, weight, lots);

  // priority: the special tier is served to the full before the rest get a unit.
  const first = new Float64Array(n);
  const rest = new Float64Array(n);
  let firstTotal = 0;
  for (let i = 0; i < n; i++) {
    if (claims.special[i]) {
      first[i] = need[i]!;
      firstTotal += need[i]!;
    } else rest[i] = need[i]!;
  }
  const out = fillToLevel(Math.min(stock, firstTotal), first, weight, lots);
  return fillToLevel(Math.max(0, stock - firstTotal), rest, weight, lots, out);
}

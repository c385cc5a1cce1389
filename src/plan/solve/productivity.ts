/**
 * Is the economy productive — can it deliver any final demand d ≥ 0 with x ≥ 0?
 * For A ≥ 0 that holds exactly when the spectral radius ρ(A) < 1, equivalently when all
 * leading principal minors of I − A are positive (Hawkins–Simon). It is checked before
 * any solve, so a table that cannot be planned gets an error naming the sectors that
 * consume more than they make, never a plan of NaNs or negative outputs.
 *
 * The checks, cheapest first:
 *  1. every column (or every row) of A sums to < 1: ρ(A) ≤ that sum (a norm bound);
 *  2. Collatz–Wielandt bounds from a power iteration on (I + A)/2 (the shift makes a
 *     periodic A converge too): for any v > 0, min_i (Av)_i/v_i ≤ ρ(A) ≤ max_i (Av)_i/v_i,
 *     and for any u ≥ 0, u ≠ 0 with Au ≥ λu on u's support, ρ(A) ≥ λ;
 *  3. on dense tables (≤ 3,000 sectors) when the bounds have not decided, Hawkins–Simon
 *     itself: elimination on I − A without pivoting; productive iff every pivot is > 0.
 */
import { columnSums, rowSums, transpose, type Csr } from './csr.js';

export interface Productivity {
  productive: boolean;
  /** ρ(A), or an upper bound on it when `productive` was decided by a bound. */
  spectralRadius: number;
  how: 'column sums' | 'row sums' | 'power iteration' | 'Hawkins–Simon';
  /** When not productive: the sectors (indices) of the self-consuming core — those that
   *  carry the Perron vectors of A on both sides — largest share first. */
  offending: number[];
}

/** A is not productive: `sectors` (indices) need more of each other than they make. */
export class NotProductiveError extends Error {
  constructor(
    readonly spectralRadius: number,
    readonly sectors: readonly number[],
  ) {
    super(`the economy is not productive: the spectral radius of A is ${spectralRadius.toPrecision(6)} ≥ 1`);
  }
}

/** A has a negative coefficient: the Leontief model (and this check) needs A ≥ 0. */
export class NegativeCoefficientError extends Error {
  constructor(
    readonly row: number,
    readonly col: number,
    readonly value: number,
  ) {
    super(`negative coefficient A[${row}][${col}] = ${value}`);
  }
}

const DENSE_LIMIT = 3000;

export function checkProductivity(a: Csr, opts: { maxIterations?: number } = {}): Productivity {
  if (a.rows !== a.cols) throw new RangeError(`A is ${a.rows}×${a.cols}, not square`);
  const n = a.rows;
  for (let i = 0; i < n; i++)
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++)
      if (!(a.values[p]! >= 0)) throw new NegativeCoefficientError(i, a.colIdx[p]!, a.values[p]!);
  if (n === 0) return { productive: true, spectralRadius: 0, how: 'column sums', offending: [] };

  const maxCol = Math.max(...maxOf(columnSums(a)));
  if (maxCol < 1) return { productive: true, spectralRadius: maxCol, how: 'column sums', offending: [] };
  const maxRow = Math.max(...maxOf(rowSums(a)));
  if (maxRow < 1) return { productive: true, spectralRadius: maxRow, how: 'row sums', offending: [] };

  const bounds = perronBounds(a, opts.maxIterations ?? 500);
  if (bounds.upper < 1) return { productive: true, spectralRadius: bounds.upper, how: 'power iteration', offending: [] };
  if (bounds.lower >= 1 - 1e-12)
    return { productive: false, spectralRadius: bounds.estimate, how: 'power iteration', offending: perronCore(a, bounds.right) };
  if (n <= DENSE_LIMIT) {
    const failed = hawkinsSimon(a);
    return failed < 0
      ? { productive: true, spectralRadius: Math.min(bounds.estimate, 1 - Number.EPSILON), how: 'Hawkins–Simon', offending: [] }
      : { productive: false, spectralRadius: Math.max(bounds.estimate, 1), how: 'Hawkins–Simon', offending: perronCore(a, bounds.right) };
  }
  // Large, undecided after the iterations: trust the estimate, refusing when in doubt.
  const productive = bounds.estimate < 1 - 1e-6;
  return { productive, spectralRadius: bounds.estimate, how: 'power iteration', offending: productive ? [] : perronCore(a, bounds.right) };
}

/** Throws `NotProductiveError` unless A is productive; returns the check's figures. */
export function requireProductive(a: Csr): Productivity {
  const p = checkProductivity(a);
  if (!p.productive) throw new NotProductiveError(p.spectralRadius, p.offending);
  return p;
}

// A one-element array so Math.max(...) never spreads ten million arguments.
function maxOf(v: Float64Array): [number] {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i]! > m) m = v[i]!;
  return [m];
}

interface Bounds {
  lower: number;
  upper: number;
  estimate: number;
  right: Float64Array;
}

/** Power iteration on (I + A)/2 from v = 1, with Collatz–Wielandt bounds on ρ(A). */
function perronBounds(a: Csr, maxIterations: number): Bounds {
  const n = a.rows;
  let v = new Float64Array(n).fill(1);
  const w = new Float64Array(n);
  let next = new Float64Array(n);
  let lower = 0;
  let upper = Infinity;
  let estimate = NaN;
  let previous = NaN;
  const rows = rowSums(a);
  for (let it = 0; it < maxIterations; it++) {
    mul(a, v, w);
    let hi = 0;
    let growth = 0;
    let vmax = 0;
    for (let i = 0; i < n; i++) {
      hi = Math.max(hi, w[i]! / v[i]!);
      vmax = Math.max(vmax, v[i]!);
    }
    upper = Math.min(upper, hi);
    lower = Math.max(lower, subinvariantBound(w, v, vmax, rows));
    // ‖(v + Av)/2‖∞ / ‖v‖∞ → (1 + ρ)/2.
    for (let i = 0; i < n; i++) {
      next[i] = (v[i]! + w[i]!) / 2;
      growth = Math.max(growth, next[i]!);
    }
    estimate = (2 * growth) / vmax - 1;
    // Normalise; keep every component positive (and above underflow) so the ratios exist.
    for (let i = 0; i < n; i++) next[i] = Math.max(next[i]! / growth, 1e-280);
    [v, next] = [next, v];
    if (upper < 1 || upper - lower < 1e-13 * upper) break;
    // Not productive is decided, but go on until the estimate of ρ settles (error path only).
    if (lower >= 1 - 1e-12 && Math.abs(estimate - previous) < 1e-12 * estimate) break;
    previous = estimate;
  }
  return { lower, upper, estimate, right: v };
}

/** Lower bounds on ρ(A) by subinvariance: u = v with components below t·max(v) set to 0
 *  satisfies (Au)_i ≥ (Av)_i − rowsum_i·t·max(v), so the least ratio of that to u_i over
 *  the kept components is a lower bound (t = 0 is the Collatz–Wielandt one). Dropping the
 *  tiny components lets a reducible A, whose Perron vector has zeros, prove ρ ≥ 1. */
function subinvariantBound(av: Float64Array, v: Float64Array, vmax: number, rows: Float64Array): number {
  let best = 0;
  for (const t of [0, 1e-9, 1e-6, 1e-3]) {
    let lo = Infinity;
    for (let i = 0; i < v.length; i++) if (t === 0 || v[i]! > t * vmax) lo = Math.min(lo, (av[i]! - rows[i]! * t * vmax) / v[i]!);
    best = Math.max(best, lo);
  }
  return best;
}

function mul(a: Csr, x: Float64Array, y: Float64Array): void {
  const { rowPtr, colIdx, values } = a;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) s += values[p]! * x[colIdx[p]!]!;
    y[i] = s;
  }
}

/** Sectors carrying both the right and the left Perron vector (their product ≥ 10⁻⁴ of
 *  the largest): the strongly connected core whose own use of each other sets ρ(A). */
function perronCore(a: Csr, right: Float64Array): number[] {
  const left = perronBounds(transpose(a), 200).right;
  const share = Array.from(right, (r, i) => r * left[i]!);
  const top = Math.max(...maxOf(Float64Array.from(share)));
  return share
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s >= top * 1e-4)
    .sort((p, q) => q[0] - p[0])
    .map(([, i]) => i);
}

/** Hawkins–Simon on I − A (dense, no pivoting): the first index whose leading principal
 *  minor is not positive, or −1 when all are (A productive). */
export function hawkinsSimon(a: Csr): number {
  const n = a.rows;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    m[i * n + i] = 1;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) m[i * n + a.colIdx[p]!]! -= a.values[p]!;
  }
  for (let k = 0; k < n; k++) {
    const pivot = m[k * n + k]!;
    // Pivot k is the ratio of leading minors k+1 and k, so its sign is the minor's.
    if (!(pivot > 1e-14)) return k;
    for (let i = k + 1; i < n; i++) {
      const l = m[i * n + k]! / pivot;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) m[i * n + j]! -= l * m[k * n + j]!;
    }
  }
  return -1;
}

/**
 * Iterative solvers for the Leontief system (I − A)·x = d on large sparse economies,
 * A ≥ 0 in CSR with ρ(A) < 1 (check `productivity.ts` first).
 *
 * Gauss–Seidel is the default: I − A is then a nonsingular M-matrix, for which both
 * Jacobi and Gauss–Seidel converge, Gauss–Seidel at least as fast (Stein–Rosenberg
 * theorem), and it needs no memory beyond x. Jacobi is kept as the plain reference.
 *
 * Stopping rule (the stated tolerance): the relative residual
 * ‖d − (I − A)·x‖₂ / ‖d‖₂ ≤ tolerance (default 1e-9), checked on the true residual
 * — the in-sweep estimate only decides when it is worth computing.
 */
import type { Csr } from './csr.js';

export interface IterativeOptions {
  /** Relative residual to reach (default 1e-9). */
  tolerance?: number;
  /** Sweeps before giving up (default 10,000). */
  maxIterations?: number;
  /** Starting point (default 0). */
  start?: Float64Array;
}

export interface IterativeResult {
  x: Float64Array;
  iterations: number;
  /** The true relative residual ‖d − (I − A)·x‖₂ / ‖d‖₂ at the end. */
  residual: number;
  converged: boolean;
}

export const DEFAULT_TOLERANCE = 1e-9;

function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** ‖d − (I − A)·x‖₂ / ‖d‖₂ (the absolute residual when d = 0). */
export function leontiefResidual(a: Csr, x: Float64Array, d: Float64Array): number {
  const { rowPtr, colIdx, values } = a;
  let s = 0;
  for (let i = 0; i < a.rows; i++) {
    let r = d[i]! - x[i]!;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) r += values[p]! * x[colIdx[p]!]!;
    s += r * r;
  }
  const dn = norm2(d);
  return dn === 0 ? Math.sqrt(s) : Math.sqrt(s) / dn;
}

/** 1 / (1 − a_ii) per row: the diagonal of I − A, inverted. */
function inverseDiagonal(a: Csr): Float64Array {
  const inv = new Float64Array(a.rows).fill(1);
  for (let i = 0; i < a.rows; i++)
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++)
      if (a.colIdx[p] === i) {
        inv[i] = 1 / (1 - a.values[p]!);
        break;
      }
  return inv;
}

function check(a: Csr, d: Float64Array): void {
  if (a.rows !== a.cols) throw new RangeError(`A is ${a.rows}×${a.cols}, not square`);
  if (d.length !== a.rows) throw new RangeError(`d has ${d.length} entries for ${a.rows} sectors`);
}

/** Gauss–Seidel on (I − A)·x = d: x_i += r_i / (1 − a_ii), rows in order, using the
 *  newest values. */
export function solveGaussSeidel(a: Csr, d: Float64Array, opts: IterativeOptions = {}): IterativeResult {
  return sweep(a, d, opts, true);
}

/** Plain Jacobi on (I − A)·x = d: every x_i from the previous sweep's values. */
export function solveJacobi(a: Csr, d: Float64Array, opts: IterativeOptions = {}): IterativeResult {
  return sweep(a, d, opts, false);
}

function sweep(a: Csr, d: Float64Array, opts: IterativeOptions, inPlace: boolean): IterativeResult {
  check(a, d);
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const max = opts.maxIterations ?? 10_000;
  const n = a.rows;
  const { rowPtr, colIdx, values } = a;
  const inv = inverseDiagonal(a);
  let x = opts.start ? Float64Array.from(opts.start) : new Float64Array(n);
  let next = inPlace ? x : new Float64Array(n);
  const dn = norm2(d) || 1;
  // From x = 0 the residual is d itself: no pass needed.
  let residual = opts.start ? leontiefResidual(a, x, d) : norm2(d) === 0 ? 0 : 1;
  let it = 0;
  let previous = Infinity;
  while (residual > tol && it < max) {
    let est = 0;
    for (let i = 0; i < n; i++) {
      let r = d[i]! - x[i]!;
      for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) r += values[p]! * x[colIdx[p]!]!;
      next[i] = x[i]! + r * inv[i]!;
      est += r * r;
    }
    it++;
    est = Math.sqrt(est) / dn;
    if (!inPlace) {
      // Jacobi's in-sweep residual is the true residual of the previous iterate.
      if (est <= tol) return { x, iterations: it, residual: est, converged: true };
      [x, next] = [next, x];
    }
    // The in-sweep residual (of mixed old and new values) shrinks by about the same factor
    // every sweep; the true residual costs one more pass, so it is computed only once the
    // estimate, carried one sweep forward at that rate, is within the tolerance.
    const rate = previous === Infinity ? 1 : Math.min(1, est / previous);
    if (est * rate <= tol || it === max) residual = leontiefResidual(a, x, d);
    previous = est;
  }
  return { x, iterations: it, residual, converged: residual <= tol };
}

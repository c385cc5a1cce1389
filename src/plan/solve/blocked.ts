/**
 * Gauss–Seidel for economies too large for the cache, with the same iterates as the
 * row-by-row sweep of iterative.ts but with the reads of x kept within a cache-sized part.
 *
 * Why: with ten million products x is 80 MB, and each of the 10⁸ coefficients reads a
 * random x_j — a miss to memory, and a TLB miss, per coefficient (~56 ns each measured
 * here, 5.6 s a sweep). So the matrix is cut into square blocks of 2²⁰ × 2²⁰ (one segment
 * of x and of the row sums is 8 MB each: together they fit in the 32 MB L3), stored block
 * by block with local row and column indices. A sweep takes the row segments in order; for
 * segment s it first adds up A_st·x_t over the other column segments t — segments t < s
 * already hold this sweep's values, t > s the last sweep's, exactly what Gauss–Seidel uses
 * — and then runs the point Gauss–Seidel sweep over the diagonal block A_ss row by row.
 * Same arithmetic, summed in another order. Costs 16 bytes a coefficient beside the CSR's
 * 12 (10⁸ coefficients: 1.6 GB more), so it is used only where x leaves the cache.
 */
import type { Csr } from './csr.js';
import { DEFAULT_TOLERANCE, type IterativeOptions, type IterativeResult } from './iterative.js';

/** Rows (and columns) per segment, by default (measured at 10⁷ products on this 2-core
 *  machine: 2¹⁶ 83 s, 2¹⁹ 75 s, 2²⁰ 57 s, 2²¹ 90 s — noisy, the machine is shared). */
export const SEGMENT = 1 << 20;
const MAX_SEGMENT = 1 << 24;

export interface BlockedMatrix {
  readonly n: number;
  /** Rows per segment. */
  readonly segment: number;
  readonly segments: number;
  /** Block (s, t) holds entries blockPtr[s·segments + t] … blockPtr[s·segments + t + 1] − 1. */
  readonly blockPtr: Float64Array;
  readonly row: Uint32Array;
  readonly col: Uint32Array;
  readonly values: Float64Array;
  /** 1 / (1 − a_ii). */
  readonly inverseDiagonal: Float64Array;
}

/** Re-lays a square CSR matrix out by blocks (rows stay in order within each block). */
export function blockedFromCsr(a: Csr, segment = SEGMENT): BlockedMatrix {
  if (a.rows !== a.cols) throw new RangeError(`A is ${a.rows}×${a.cols}, not square`);
  if (!(Number.isInteger(segment) && segment >= 1 && segment <= MAX_SEGMENT)) throw new RangeError(`segment ${segment} is outside 1–${MAX_SEGMENT}`);
  const SEG = segment;
  const n = a.rows;
  const S = Math.max(1, Math.ceil(n / SEG));
  const nnz = a.values.length;
  const blockPtr = new Float64Array(S * S + 1);
  const row = new Uint32Array(nnz);
  const col = new Uint32Array(nnz);
  const values = new Float64Array(nnz);
  const inverseDiagonal = new Float64Array(n).fill(1);
  const count = new Float64Array(S);
  // CSR rows are in order, so row segment s is one contiguous run of entries: a counting
  // sort of that run by column segment (stable: rows stay sorted) fills its blocks.
  for (let s = 0; s < S; s++) {
    const r0 = s * SEG;
    const r1 = Math.min(n, r0 + SEG);
    const p0 = a.rowPtr[r0]!;
    const p1 = a.rowPtr[r1]!;
    count.fill(0);
    for (let p = p0; p < p1; p++) count[(a.colIdx[p]! / SEG) | 0]!++;
    const next = new Float64Array(S);
    let at = p0;
    for (let t = 0; t < S; t++) {
      blockPtr[s * S + t] = at;
      next[t] = at;
      at += count[t]!;
    }
    for (let i = r0; i < r1; i++)
      for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
        const j = a.colIdx[p]!;
        const t = (j / SEG) | 0;
        const q = next[t]!++;
        row[q] = i - r0;
        col[q] = j - t * SEG;
        values[q] = a.values[p]!;
        if (j === i) inverseDiagonal[i] = 1 / (1 - a.values[p]!);
      }
  }
  blockPtr[S * S] = nnz;
  return { n, segment: SEG, segments: S, blockPtr, row, col, values, inverseDiagonal };
}

/** acc[0 … len) = d_s + Σ_{t ≠ s} A_st·x_t for row segment s. */
function offDiagonal(m: BlockedMatrix, s: number, x: Float64Array, d: Float64Array, acc: Float64Array): void {
  const S = m.segments;
  const SEG = m.segment;
  const r0 = s * SEG;
  const len = Math.min(m.n, r0 + SEG) - r0;
  for (let k = 0; k < len; k++) acc[k] = d[r0 + k]!;
  const { row, col, values, blockPtr } = m;
  for (let t = 0; t < S; t++) {
    if (t === s) continue;
    const c0 = t * SEG;
    for (let p = blockPtr[s * S + t]!, end = blockPtr[s * S + t + 1]!; p < end; p++) acc[row[p]!]! += values[p]! * x[c0 + col[p]!]!;
  }
}

/** ‖d − (I − A)·x‖₂ / ‖d‖₂ on the blocked layout (the absolute residual when d = 0). */
export function blockedResidual(m: BlockedMatrix, x: Float64Array, d: Float64Array): number {
  const acc = new Float64Array(m.segment);
  const S = m.segments;
  const SEG = m.segment;
  let sum = 0;
  let dn = 0;
  for (let s = 0; s < S; s++) {
    offDiagonal(m, s, x, d, acc);
    const r0 = s * SEG;
    for (let p = m.blockPtr[s * S + s]!, end = m.blockPtr[s * S + s + 1]!; p < end; p++) acc[m.row[p]!]! += m.values[p]! * x[r0 + m.col[p]!]!;
    const len = Math.min(m.n, r0 + SEG) - r0;
    for (let k = 0; k < len; k++) {
      const r = acc[k]! - x[r0 + k]!;
      sum += r * r;
      dn += d[r0 + k]! * d[r0 + k]!;
    }
  }
  return dn === 0 ? Math.sqrt(sum) : Math.sqrt(sum / dn);
}

/** Gauss–Seidel on (I − A)·x = d over the blocked layout; the stopping rule of
 *  `solveGaussSeidel` (true relative residual ≤ tolerance, default 1e-9). */
export function solveGaussSeidelBlocked(m: BlockedMatrix, d: Float64Array, opts: IterativeOptions = {}): IterativeResult {
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const max = opts.maxIterations ?? 10_000;
  const { n, segment: SEG, segments: S, row, col, values, blockPtr, inverseDiagonal: inv } = m;
  if (d.length !== n) throw new RangeError(`d has ${d.length} entries for ${n} sectors`);
  const x = opts.start ? Float64Array.from(opts.start) : new Float64Array(n);
  const acc = new Float64Array(SEG);
  let dn = 0;
  for (let i = 0; i < n; i++) dn += d[i]! * d[i]!;
  dn = Math.sqrt(dn);
  let residual = opts.start ? blockedResidual(m, x, d) : dn === 0 ? 0 : 1;
  if (dn === 0) dn = 1;
  let it = 0;
  let previous = Infinity;
  while (residual > tol && it < max) {
    let est = 0;
    for (let s = 0; s < S; s++) {
      offDiagonal(m, s, x, d, acc);
      const r0 = s * SEG;
      const len = Math.min(n, r0 + SEG) - r0;
      let p = blockPtr[s * S + s]!;
      const end = blockPtr[s * S + s + 1]!;
      for (let k = 0; k < len; k++) {
        const i = r0 + k;
        let r = acc[k]! - x[i]!;
        for (; p < end && row[p] === k; p++) r += values[p]! * x[r0 + col[p]!]!;
        x[i] = x[i]! + r * inv[i]!;
        est += r * r;
      }
    }
    it++;
    est = Math.sqrt(est) / dn;
    const rate = previous === Infinity ? 1 : Math.min(1, est / previous);
    if (est * rate <= tol || it === max) residual = blockedResidual(m, x, d);
    previous = est;
  }
  return { x, iterations: it, residual, converged: residual <= tol };
}

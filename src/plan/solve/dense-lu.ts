/**
 * Dense LU factorisation with partial pivoting (Doolittle, row-major, in one copy of
 * the matrix): P·A = L·U. The exact reference for small tables (≤ 3,000 sectors;
 * 3,000² doubles are 72 MB and the factorisation 1.8·10¹⁰ flops). Partial pivoting
 * makes it backward stable in practice: the residual of a solve is at rounding level
 * whatever the matrix, which the tests check.
 */
export interface Lu {
  readonly n: number;
  /** L (below the diagonal, unit diagonal implied) and U (on and above it), row-major. */
  readonly lu: Float64Array;
  /** Row i of the factorised matrix is row perm[i] of A. */
  readonly perm: Int32Array;
}

/** No usable pivot in `column`: the matrix is singular to working precision. */
export class SingularMatrixError extends Error {
  constructor(readonly column: number) {
    super(`the matrix is singular (no pivot in column ${column})`);
  }
}

/** Factorises the n×n row-major matrix `a` (left untouched). */
export function luFactor(n: number, a: Float64Array): Lu {
  if (a.length !== n * n) throw new RangeError(`expected ${n * n} entries, got ${a.length}`);
  const lu = Float64Array.from(a);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let norm = 0;
  for (let i = 0; i < a.length; i++) norm = Math.max(norm, Math.abs(a[i]!));
  const tiny = norm * n * Number.EPSILON;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > tiny)) throw new SingularMatrixError(k);
    if (p !== k) {
      const rk = lu.subarray(k * n, k * n + n);
      const tmp = Float64Array.from(rk);
      rk.set(lu.subarray(p * n, p * n + n));
      lu.set(tmp, p * n);
      const t = perm[k]!;
      perm[k] = perm[p]!;
      perm[p] = t;
    }
    const pivot = lu[k * n + k]!;
    const rowK = k * n;
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      const l = lu[rowI + k]! / pivot;
      lu[rowI + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) lu[rowI + j]! -= l * lu[rowK + j]!;
    }
  }
  return { n, lu, perm };
}

/** Solves A·x = b with a factorisation of A. */
export function luSolve(f: Lu, b: ArrayLike<number>): Float64Array {
  const { n, lu, perm } = f;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[perm[i]!]!;
    for (let j = 0; j < i; j++) s -= lu[i * n + j]! * x[j]!;
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j]! * x[j]!;
    x[i] = s / lu[i * n + i]!;
  }
  return x;
}

/** Solves Aᵀ·x = b with a factorisation of A (Uᵀ·Lᵀ·P·x = b). */
export function luSolveTranspose(f: Lu, b: ArrayLike<number>): Float64Array {
  const { n, lu, perm } = f;
  const y = Float64Array.from(b as ArrayLike<number>);
  // Uᵀ·z = b: forward, walking U by columns.
  for (let i = 0; i < n; i++) {
    const zi = y[i]! / lu[i * n + i]!;
    y[i] = zi;
    for (let j = i + 1; j < n; j++) y[j]! -= lu[i * n + j]! * zi;
  }
  // Lᵀ·w = z: backward.
  for (let i = n - 1; i >= 0; i--) {
    const wi = y[i]!;
    for (let j = 0; j < i; j++) y[j]! -= lu[i * n + j]! * wi;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[perm[i]!] = y[i]!;
  return x;
}

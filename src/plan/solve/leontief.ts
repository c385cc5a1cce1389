/**
 * The balanced plan (Leontief): from the technical coefficients A = Z·diag(x)⁻¹ and a
 * final demand d, the gross output x = (I − A)⁻¹·d, the labour it takes l·x, and per
 * product the labour embodied directly and indirectly (labour values v = l·(I − A)⁻¹,
 * i.e. (I − A)ᵀ·v = l) and the output multipliers (column sums of (I − A)⁻¹).
 *
 * One solver per economy: dense LU with partial pivoting up to 3,000 sectors (the exact
 * reference, factorised once for both x and v), Gauss–Seidel on CSR beyond (stated
 * tolerance: relative residual ≤ 1e-9), by cache-friendly row segments from 2,097,152 sectors on.
 * Productivity is checked first (productivity.ts).
 */
import { blockedFromCsr, SEGMENT, solveGaussSeidelBlocked } from './blocked.js';
import { transpose, type Csr } from './csr.js';
import { luFactor, luSolve, luSolveTranspose, type Lu } from './dense-lu.js';
import { DEFAULT_TOLERANCE, solveGaussSeidel } from './iterative.js';
import { requireProductive, type Productivity } from './productivity.js';

export const DENSE_MAX_SECTORS = 3000;
/** From this size on, x (16 MB) crowds the shared 32 MB L3: Gauss–Seidel runs by row
 *  segments (blocked.ts). Measured: at 10⁶ the row-by-row sweep is faster (1.3 s against
 *  1.9 s with the re-layout), at 10⁷ the blocked one (54 s against 73 s). */
export const BLOCKED_FROM_SECTORS = 32 * SEGMENT;

/** A = Z·diag(x)⁻¹: column j of the flows divided by j's gross output (0 where x_j = 0,
 *  which a validated table only allows for a column without inputs). */
export function technicalCoefficients(z: Csr, x: Float64Array): Csr {
  if (x.length !== z.cols) throw new RangeError(`x has ${x.length} entries for ${z.cols} columns`);
  const values = new Float64Array(z.values.length);
  for (let p = 0; p < values.length; p++) {
    const xj = x[z.colIdx[p]!]!;
    values[p] = xj === 0 ? 0 : z.values[p]! / xj;
  }
  return { rows: z.rows, cols: z.cols, rowPtr: z.rowPtr, colIdx: z.colIdx, values };
}

/** l_j = labour_j / x_j (0 where x_j = 0). */
export function labourCoefficients(labour: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: x.length }, (_, j) => (x[j] === 0 ? 0 : labour[j]! / x[j]!));
}

/** The iterative solve did not reach its tolerance. */
export class NoConvergenceError extends Error {}

export interface LeontiefSolver {
  readonly n: number;
  readonly method: 'dense LU' | 'Gauss–Seidel';
  readonly productivity: Productivity;
  /** x with (I − A)·x = d. */
  output(d: ArrayLike<number>): Float64Array;
  /** v with (I − A)ᵀ·v = l. */
  transposed(l: ArrayLike<number>): Float64Array;
}

export interface SolverOptions {
  method?: 'auto' | 'dense' | 'iterative';
  /** Relative residual for the iterative method (default 1e-9). */
  tolerance?: number;
}

/** Checks that A is productive (throws `NotProductiveError` naming the core sectors
 *  otherwise) and prepares a solver for it. */
export function leontiefSolver(a: Csr, opts: SolverOptions = {}): LeontiefSolver {
  const productivity = requireProductive(a);
  const n = a.rows;
  const dense = opts.method === 'dense' || ((opts.method ?? 'auto') === 'auto' && n <= DENSE_MAX_SECTORS);
  if (dense) {
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      m[i * n + i] = 1;
      for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) m[i * n + a.colIdx[p]!]! -= a.values[p]!;
    }
    const lu: Lu = luFactor(n, m);
    return { n, method: 'dense LU', productivity, output: (d) => luSolve(lu, d), transposed: (l) => luSolveTranspose(lu, l) };
  }
  const tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
  let at: Csr | undefined;
  const solve = (m: Csr, b: ArrayLike<number>) => {
    const d = Float64Array.from(b);
    const r = n >= BLOCKED_FROM_SECTORS ? solveGaussSeidelBlocked(blockedFromCsr(m), d, { tolerance }) : solveGaussSeidel(m, d, { tolerance });
    if (!r.converged) throw new NoConvergenceError(`Gauss–Seidel stopped at relative residual ${r.residual.toExponential(2)} after ${r.iterations} sweeps (tolerance ${tolerance})`);
    return r.x;
  };
  return { n, method: 'Gauss–Seidel', productivity, output: (d) => solve(a, d), transposed: (l) => solve((at ??= transpose(a)), l) };
}

/** Gross output and the labour it takes, for final demand d. */
export function balancedPlan(solver: LeontiefSolver, d: ArrayLike<number>, l?: ArrayLike<number>): { output: Float64Array; labour?: Float64Array; totalLabour?: number } {
  const output = solver.output(d);
  if (!l) return { output };
  const labour = Float64Array.from(output, (x, j) => x * l[j]!);
  let totalLabour = 0;
  for (const v of labour) totalLabour += v;
  return { output, labour, totalLabour };
}

/** Direct plus indirect labour per unit of each product: v = l·(I − A)⁻¹. */
export function labourValues(solver: LeontiefSolver, l: ArrayLike<number>): Float64Array {
  return solver.transposed(l);
}

/** Output multipliers: the gross output of all sectors per unit of final demand for j,
 *  the column sums of (I − A)⁻¹. */
export function outputMultipliers(solver: LeontiefSolver): Float64Array {
  return solver.transposed(new Float64Array(solver.n).fill(1));
}

/** Employment multipliers: `perUnit` = labour per unit of final demand for j (the
 *  labour value), `typeI` = that over j's direct labour coefficient (total jobs per
 *  direct job; 0 where the sector employs no one directly). */
export function employmentMultipliers(solver: LeontiefSolver, l: ArrayLike<number>): { perUnit: Float64Array; typeI: Float64Array } {
  const perUnit = labourValues(solver, l);
  return { perUnit, typeI: Float64Array.from(perUnit, (v, j) => (l[j] === 0 ? 0 : v / l[j]!)) };
}

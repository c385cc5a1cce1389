/**
 * The balanced plan at national and beyond scale: (I − A)·x = d on a synthetic sparse
 * economy of 1,000,000 products with ~10 inputs each, and of 10,000,000 products, solved
 * by Gauss–Seidel (src/plan/solve) to a relative residual of 1e-9. Targets: < 3 s at 10⁶,
 * < 60 s within 4 GB at 10⁷. References in the same run: plain Jacobi on the same sparse
 * system, and dense LU with partial pivoting on 3,000 sectors (where Gauss–Seidel must
 * agree with it to 1e-9).
 *
 * Gauss–Seidel runs as the planner runs it: row by row over CSR, and from 2,097,152 products
 * by row segments in cache-friendly order (src/plan/solve/blocked.ts; the re-layout from
 * CSR is counted in its time; --plain adds the row-by-row sweep at those sizes). Jacobi, the
 * reference, is the plain row-by-row sweep over CSR, on the first size (all with --jacobi-all).
 *
 * The economy: every product has 10 inputs drawn uniformly from all products (no locality:
 * the worst case for the cache), coefficients scaled so each product's inputs sum to a
 * value drawn from [0.2, 0.8] (ρ(A) ≈ 0.5, as in the real tables: Belgium 0.54, US 0.51);
 * final demand d_i uniform in [0, 100). Each size runs in its own process, so its peak RSS
 * is its own.
 * Usage: npm run bench -- plan-leontief [--sizes 1000000,10000000] [--dense 3000] [--seed S] [--jacobi-all | --no-jacobi] [--plain]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { seededRandom } from '../src/core/seeded.js';
import {
  BLOCKED_FROM_SECTORS,
  blockedFromCsr,
  checkProductivity,
  leontiefResidual,
  luFactor,
  luSolve,
  solveGaussSeidel,
  solveGaussSeidelBlocked,
  solveJacobi,
  type Csr,
} from '../src/plan/solve/index.js';
import { root } from './lib/harness.js';

const arg = (flag: string, fallback: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SEED = Number(arg('--seed', '1970'));
const INPUTS = 10;
const TOLERANCE = 1e-9;

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** A sparse productive economy in CSR (rows = who supplies, as Gauss–Seidel walks them):
 *  each row gets `INPUTS` distinct random columns, so each product has ~10 inputs. */
function economy(n: number, seed: number): { a: Csr; d: Float64Array } {
  const rand = seededRandom(seed);
  const nnz = n * INPUTS;
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    const start = i * INPUTS;
    rowPtr[i + 1] = start + INPUTS;
    for (let k = 0; k < INPUTS; k++) {
      // Distinct columns within the row, kept sorted (insertion).
      let c = Math.floor(rand() * n);
      for (let q = start; q < start + k; q++)
        if (colIdx[q] === c) {
          c = Math.floor(rand() * n);
          q = start - 1;
        }
      let p = start + k;
      while (p > start && colIdx[p - 1]! > c) {
        colIdx[p] = colIdx[p - 1]!;
        p--;
      }
      colIdx[p] = c;
    }
    for (let k = 0; k < INPUTS; k++) values[start + k] = 0.05 + rand();
  }
  const colSum = new Float64Array(n);
  for (let p = 0; p < nnz; p++) colSum[colIdx[p]!]! += values[p]!;
  const target = Float64Array.from({ length: n }, () => 0.2 + 0.6 * rand());
  for (let p = 0; p < nnz; p++) values[p]! *= target[colIdx[p]!]! / colSum[colIdx[p]!]!;
  const d = Float64Array.from({ length: n }, () => 100 * rand());
  return { a: { rows: n, cols: n, rowPtr, colIdx, values }, d };
}

interface SizeResult {
  n: number;
  nnz: number;
  generate_s: number;
  check_s: number;
  rho_bound: number;
  gs_s: number;
  gs_cpu_s: number;
  blocked: boolean;
  gs_iter: number;
  gs_residual: number;
  /** The row-by-row sweep over CSR (no blocks), same sweeps. */
  gs_plain_s?: number;
  jacobi_s?: number;
  jacobi_iter?: number;
  jacobi_residual?: number;
  agree?: number;
  rss_mb: number;
}

/** One size, in this process (run as a child by the parent). */
function runSize(n: number, jacobi: boolean, plainToo: boolean): SizeResult {
  let t = performance.now();
  const { a, d } = economy(n, SEED);
  const generate_s = seconds(t);
  t = performance.now();
  const p = checkProductivity(a);
  const check_s = seconds(t);
  if (!p.productive) throw new Error('the synthetic economy is not productive');
  // Gauss–Seidel as the planner runs it at this size: from 2,097,152 products re-laid out by
  // row segments (counted in the time), then swept. CPU time too: the machine is shared.
  const blocked = n >= BLOCKED_FROM_SECTORS;
  t = performance.now();
  const cpu = process.cpuUsage();
  const gs = blocked ? solveGaussSeidelBlocked(blockedFromCsr(a), d, { tolerance: TOLERANCE }) : solveGaussSeidel(a, d, { tolerance: TOLERANCE });
  const gs_s = seconds(t);
  const used = process.cpuUsage(cpu);
  const gs_cpu_s = (used.user + used.system) / 1e6;
  if (!gs.converged) throw new Error(`Gauss–Seidel did not converge: ${gs.residual}`);
  const out: SizeResult = {
    n,
    nnz: a.values.length,
    generate_s,
    check_s,
    rho_bound: p.spectralRadius,
    gs_s,
    gs_cpu_s,
    blocked,
    gs_iter: gs.iterations,
    gs_residual: leontiefResidual(a, gs.x, d),
    rss_mb: 0,
  };
  if (blocked && plainToo) {
    t = performance.now();
    const plain = solveGaussSeidel(a, d, { tolerance: TOLERANCE });
    out.gs_plain_s = seconds(t);
    if (plain.iterations !== gs.iterations) throw new Error(`plain and blocked Gauss–Seidel took ${plain.iterations} and ${gs.iterations} sweeps`);
  }
  if (jacobi) {
    t = performance.now();
    const j = solveJacobi(a, d, { tolerance: TOLERANCE });
    out.jacobi_s = seconds(t);
    out.jacobi_iter = j.iterations;
    out.jacobi_residual = j.residual;
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      diff = Math.max(diff, Math.abs(j.x[i]! - gs.x[i]!));
      scale = Math.max(scale, Math.abs(gs.x[i]!));
    }
    out.agree = diff / scale;
  }
  out.rss_mb = process.resourceUsage().maxRSS / 1024;
  return out;
}

/** Dense LU on an n-sector economy (the reference), and Gauss–Seidel on the same system. */
function runDense(n: number): { n: number; lu_s: number; solve_s: number; gs_s: number; gs_iter: number; agree: number } {
  const { a, d } = economy(n, SEED + 1);
  // Dense I − A, row-major.
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    m[i * n + i] = 1;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) m[i * n + a.colIdx[p]!]! -= a.values[p]!;
  }
  let t = performance.now();
  const lu = luFactor(n, m);
  const lu_s = seconds(t);
  t = performance.now();
  const x = luSolve(lu, d);
  const solve_s = seconds(t);
  t = performance.now();
  const gs = solveGaussSeidel(a, d, { tolerance: 1e-13 });
  const gs_s = seconds(t);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    diff = Math.max(diff, Math.abs(x[i]! - gs.x[i]!));
    scale = Math.max(scale, Math.abs(x[i]!));
  }
  return { n, lu_s, solve_s, gs_s, gs_iter: gs.iterations, agree: diff / scale };
}

const child = process.argv.indexOf('--child');
if (child > 0) {
  const what = process.argv[child + 1]!;
  const result = what.startsWith('dense:') ? runDense(Number(what.slice(6))) : runSize(Number(what), process.argv.includes('--jacobi'), process.argv.includes('--plain'));
  console.log(`RESULT ${JSON.stringify(result)}`);
} else {
  const sizes = arg('--sizes', '1000000,10000000').split(',').map(Number);
  const dense = Number(arg('--dense', '3000'));
  const jacobiAll = process.argv.includes('--jacobi-all');
  const jacobiNone = process.argv.includes('--no-jacobi');
  const run = (what: string, jacobi: boolean) => {
    const r = spawnSync(process.execPath, [join(root, 'bench/run.js'), 'plan-leontief', '--child', what, '--seed', String(SEED), ...(jacobi ? ['--jacobi'] : []), ...(process.argv.includes('--plain') ? ['--plain'] : [])], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (r.status !== 0 || !line) throw new Error(`child ${what} exited ${r.status}: ${r.stderr}`);
    return JSON.parse(line.slice(7));
  };
  const fields: string[] = [];
  sizes.forEach((n, k) => {
    const r = run(String(n), !jacobiNone && (k === 0 || jacobiAll)) as SizeResult;
    console.log(
      `${n.toLocaleString('en')} products, ${r.nnz.toLocaleString('en')} inputs: generated in ${r.generate_s.toFixed(1)} s; ` +
        `productive (ρ ≤ ${r.rho_bound.toFixed(3)}, ${r.check_s.toFixed(2)} s); Gauss–Seidel${r.blocked ? ' over blocks' : ''} ${r.gs_s.toFixed(2)} s ` +
        `(CPU ${r.gs_cpu_s.toFixed(2)} s), ${r.gs_iter} sweeps, residual ${r.gs_residual.toExponential(1)}` +
        (r.gs_plain_s === undefined ? '' : ` (row by row over CSR: ${r.gs_plain_s.toFixed(2)} s)`) +
        (r.jacobi_s === undefined ? '' : `; Jacobi ${r.jacobi_s.toFixed(2)} s, ${r.jacobi_iter} sweeps (agrees to ${r.agree!.toExponential(1)})`) +
        `; peak RSS ${r.rss_mb.toFixed(0)} MB`,
    );
    const s = k + 1;
    fields.push(`n${s}=${n} gs${s}_s=${r.gs_s.toFixed(2)} gs${s}_cpu_s=${r.gs_cpu_s.toFixed(2)} gs${s}_sweeps=${r.gs_iter} gs${s}_residual=${r.gs_residual.toExponential(1)} check${s}_s=${r.check_s.toFixed(2)} rss${s}_mb=${r.rss_mb.toFixed(0)}`);
    if (r.gs_plain_s !== undefined) fields.push(`gs_plain${s}_s=${r.gs_plain_s.toFixed(2)}`);
    if (r.jacobi_s !== undefined) fields.push(`jacobi${s}_s=${r.jacobi_s.toFixed(2)} jacobi${s}_sweeps=${r.jacobi_iter}`);
  });
  if (dense > 0) {
    const r = run(`dense:${dense}`, false) as ReturnType<typeof runDense>;
    console.log(
      `dense LU on ${dense.toLocaleString('en')} sectors: factorised in ${r.lu_s.toFixed(2)} s, solved in ${r.solve_s.toFixed(3)} s; ` +
        `Gauss–Seidel on the same (sparse) system ${r.gs_s.toFixed(3)} s, ${r.gs_iter} sweeps, agrees to ${r.agree.toExponential(1)}`,
    );
    fields.push(`lu${dense}_s=${r.lu_s.toFixed(2)} gs_vs_lu=${r.agree.toExponential(1)}`);
  }
  console.log(`BENCH name=plan-leontief ${fields.join(' ')}`);
}

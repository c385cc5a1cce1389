import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { productiveArb } from './arbitrary-economy.js';
import { csrFromTriplets, type Csr } from './csr.js';
import { luFactor, luSolve } from './dense-lu.js';
import { leontiefResidual, solveGaussSeidel, solveJacobi } from './iterative.js';

function denseSolve(a: Csr, d: Float64Array): Float64Array {
  const n = a.rows;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    m[i * n + i] = 1;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) m[i * n + a.colIdx[p]!]! -= a.values[p]!;
  }
  return luSolve(luFactor(n, m), d);
}

const relDiff = (x: Float64Array, y: Float64Array) => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    num = Math.max(num, Math.abs(x[i]! - y[i]!));
    den = Math.max(den, Math.abs(y[i]!));
  }
  return den === 0 ? num : num / den;
};

describe('iterative Leontief solvers', () => {
  test('worked example (the canonical CSV of data/io/README): gives back x = 100, 200, 150', () => {
    const x = [100, 200, 150];
    const z = [[10, 20, 5], [30, 0, 40], [0, 50, 10]];
    const t: [number[], number[], number[]] = [[], [], []];
    z.forEach((row, i) => row.forEach((v, j) => (t[0].push(i), t[1].push(j), t[2].push(v / x[j]!))));
    const a = csrFromTriplets(3, 3, ...t);
    for (const solve of [solveGaussSeidel, solveJacobi]) {
      const r = solve(a, Float64Array.from([65, 130, 90]));
      expect(r.converged).toBe(true);
      expect(relDiff(r.x, Float64Array.from(x))).toBeLessThan(1e-9);
    }
  });

  test('Gauss–Seidel and Jacobi reach the stated tolerance, agree with dense LU to 1e-9, and x ≥ 0 for d ≥ 0', () => {
    fc.assert(
      fc.property(productiveArb, ({ a, d }) => {
        const exact = denseSolve(a, d);
        for (const solve of [solveGaussSeidel, solveJacobi]) {
          const def = solve(a, d);
          expect(def.converged).toBe(true);
          expect(leontiefResidual(a, def.x, d)).toBeLessThanOrEqual(1e-9);
          const tight = solve(a, d, { tolerance: 1e-13 });
          expect(relDiff(tight.x, exact)).toBeLessThan(1e-9);
          for (const v of tight.x) expect(v).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  test('from x = 0 both climb to x* monotonically, Gauss–Seidel ahead of Jacobi after every sweep (A ≥ 0, d ≥ 0)', () => {
    fc.assert(
      fc.property(productiveArb, fc.integer({ min: 1, max: 8 }), ({ a, d }, k) => {
        const exact = denseSolve(a, d);
        const slack = 1e-12 * Math.max(1, ...exact);
        const j = solveJacobi(a, d, { tolerance: 0, maxIterations: k }).x;
        const g = solveGaussSeidel(a, d, { tolerance: 0, maxIterations: k }).x;
        for (let i = 0; i < a.rows; i++) {
          expect(j[i]!).toBeLessThanOrEqual(g[i]! + slack);
          expect(g[i]!).toBeLessThanOrEqual(exact[i]! + slack);
        }
      }),
    );
  });

  test('a diverging system stops and says so, never loops forever', () => {
    const a = csrFromTriplets(2, 2, [0, 1], [1, 0], [2, 2]);
    const r = solveGaussSeidel(a, Float64Array.from([1, 1]), { maxIterations: 50 });
    expect(r.converged).toBe(false);
  });
});

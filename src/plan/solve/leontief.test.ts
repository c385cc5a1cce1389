import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { productiveArb } from './arbitrary-economy.js';
import { csrFromDense } from './csr.js';
import {
  balancedPlan,
  employmentMultipliers,
  labourCoefficients,
  labourValues,
  leontiefSolver,
  outputMultipliers,
  technicalCoefficients,
} from './leontief.js';
import { NotProductiveError } from './productivity.js';

// Germany 1995, domestic product-by-product table (Eurostat Manual of Supply, Use and
// Input-Output Tables 2008, table 15.4, J. Beutel): Z, output P1 and employment EMP.
const DE_Z = [
  [1131, 25480, 1, 607, 710, 762],
  [7930, 304584, 64167, 41082, 11981, 30360],
  [426, 7334, 3875, 5296, 23457, 9155],
  [3559, 72717, 14190, 74399, 10835, 21008],
  [3637, 96115, 31027, 65755, 193176, 34223],
  [1552, 14986, 1747, 11225, 15058, 22070],
];
const DE_X = Float64Array.from([43910, 1079446, 245606, 540063, 692487, 508918]);
const DE_EMP = [1096, 8381, 3236, 9251, 4258, 10206];

describe('balanced plan (Leontief)', () => {
  const a = technicalCoefficients(csrFromDense(DE_Z), DE_X);

  test('Germany 1995: the published output multipliers (iotables checks 1.7048 … 1.3782) to 4 decimals', () => {
    const m = outputMultipliers(leontiefSolver(a));
    expect(Array.from(m, (v) => Number(v.toFixed(4)))).toEqual([1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782]);
  });

  test("Germany 1995: the table's own final demand gives back its output, and the employment it took", () => {
    const d = DE_X.map((x, i) => x - DE_Z[i]!.reduce((s, v) => s + v, 0));
    const l = labourCoefficients(DE_EMP, DE_X);
    const plan = balancedPlan(leontiefSolver(a), d, l);
    plan.output.forEach((x, i) => expect(Math.abs(x - DE_X[i]!) / DE_X[i]!).toBeLessThan(1e-12));
    expect(plan.totalLabour).toBeCloseTo(36428, 6);
  });

  test('Germany 1995: type I employment multipliers are ≥ 1 (every job needs at least itself)', () => {
    const { typeI } = employmentMultipliers(leontiefSolver(a), labourCoefficients(DE_EMP, DE_X));
    for (const m of typeI) expect(m).toBeGreaterThanOrEqual(1);
  });

  test('labour values price the final demand at the labour the plan takes: v·d = l·x', () => {
    fc.assert(
      fc.property(productiveArb, ({ a, d }) => {
        const l = Float64Array.from({ length: a.rows }, (_, i) => (i % 3) + 0.5);
        for (const method of ['dense', 'iterative'] as const) {
          const s = leontiefSolver(a, { method, tolerance: 1e-13 });
          const plan = balancedPlan(s, d, l);
          const v = labourValues(s, l);
          const vd = v.reduce((t, vi, i) => t + vi * d[i]!, 0);
          expect(Math.abs(vd - plan.totalLabour!)).toBeLessThanOrEqual(1e-9 * Math.max(1, vd));
          for (let j = 0; j < v.length; j++) expect(v[j]).toBeGreaterThanOrEqual(l[j]! - 1e-12);
        }
      }),
    );
  });

  test('dense LU and Gauss–Seidel agree to 1e-9 relative; both give x ≥ 0 for d ≥ 0', () => {
    fc.assert(
      fc.property(productiveArb, ({ a, d }) => {
        const lu = leontiefSolver(a, { method: 'dense' }).output(d);
        const gs = leontiefSolver(a, { method: 'iterative', tolerance: 1e-13 }).output(d);
        const scale = Math.max(1e-300, ...lu.map(Math.abs));
        lu.forEach((x, i) => {
          expect(Math.abs(x - gs[i]!) / scale).toBeLessThan(1e-9);
          expect(x).toBeGreaterThanOrEqual(-1e-12 * scale);
          expect(gs[i]).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });

  test('a non-productive table is refused before any solve, naming the core sectors', () => {
    const bad = technicalCoefficients(csrFromDense([[0, 60], [60, 0]]), Float64Array.from([50, 50]));
    expect(() => leontiefSolver(bad)).toThrow(NotProductiveError);
    try {
      leontiefSolver(bad);
    } catch (e) {
      expect([...(e as NotProductiveError).sectors].sort()).toEqual([0, 1]);
    }
  });
});

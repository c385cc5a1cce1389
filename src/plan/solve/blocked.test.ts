import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { productiveArb } from './arbitrary-economy.js';
import { blockedFromCsr, blockedResidual, solveGaussSeidelBlocked } from './blocked.js';
import { leontiefResidual, solveGaussSeidel } from './iterative.js';

const close = (x: Float64Array, y: Float64Array) => {
  const scale = Math.max(1, ...y.map(Math.abs));
  x.forEach((v, i) => expect(Math.abs(v - y[i]!) / scale).toBeLessThan(1e-12));
};

const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('Gauss–Seidel over cache-sized blocks', () => {
  test('the same iterates as the row-by-row sweep, after any number of sweeps and for any segment size', () => {
    fc.assert(
      fc.property(productiveArb, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 6 }), ({ a, d }, segment, sweeps) => {
        const m = blockedFromCsr(a, segment);
        close(solveGaussSeidelBlocked(m, d, { tolerance: 0, maxIterations: sweeps }).x, solveGaussSeidel(a, d, { tolerance: 0, maxIterations: sweeps }).x);
      }),
    );
  });

  test('its residual is the CSR one, and it stops at the stated tolerance', () => {
    fc.assert(
      fc.property(productiveArb, fc.integer({ min: 1, max: 9 }), ({ a, d }, segment) => {
        const m = blockedFromCsr(a, segment);
        const r = solveGaussSeidelBlocked(m, d);
        expect(r.converged).toBe(true);
        expect(leontiefResidual(a, r.x, d)).toBeLessThanOrEqual(1e-9);
        // Both residuals are ‖d − (I − A)x‖ / ‖d‖ summed in a different order, so they agree to
        // rounding: a few ulps of the terms summed, which scale with ‖x‖ / ‖d‖ (not to 15 places).
        const rounding = 1e-13 * (1 + norm(r.x) / Math.max(norm(d), Number.MIN_VALUE));
        expect(Math.abs(blockedResidual(m, r.x, d) - leontiefResidual(a, r.x, d))).toBeLessThanOrEqual(rounding);
      }),
    );
  });

  test('a segment outside 1–65,536 is refused', () => {
    const a = { rows: 1, cols: 1, rowPtr: Int32Array.from([0, 0]), colIdx: new Int32Array(0), values: new Float64Array(0) };
    expect(() => blockedFromCsr(a, 0)).toThrow(RangeError);
    expect(() => blockedFromCsr(a, 65537)).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { luFactor, luSolve, luSolveTranspose, SingularMatrixError } from './dense-lu.js';

const ints = (k: number) => fc.array(fc.integer({ min: -100, max: 100 }), { minLength: k, maxLength: k }).map((v) => Float64Array.from(v));
const matArb = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.tuple(fc.constant(n), ints(n * n).map((v) => v.map((x) => x / 7)), ints(n)));

function residual(n: number, a: Float64Array, x: Float64Array, b: Float64Array, transposed = false): number {
  let r = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (transposed ? a[j * n + i]! : a[i * n + j]!) * x[j]!;
    r = Math.max(r, Math.abs(s - b[i]!));
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(a[i * n + j]!) * Math.abs(x[j]!));
  }
  return scale === 0 ? r : r / scale;
}

describe('dense LU with partial pivoting', () => {
  test('a 3×3 system that needs a row exchange (zero first pivot)', () => {
    const a = Float64Array.from([0, 2, 1, 1, 1, 1, 2, 1, 0]);
    const lu = luFactor(3, a);
    expect(Array.from(luSolve(lu, Float64Array.from([5, 4, 4])))).toEqual([1, 2, 1].map((v) => expect.closeTo(v, 12)));
  });

  test('residual of A·x = b and Aᵀ·x = b is at rounding level (backward stable)', () => {
    fc.assert(
      fc.property(matArb, ([n, a, b]) => {
        let lu;
        try {
          lu = luFactor(n, a);
        } catch (e) {
          if (e instanceof SingularMatrixError) return; // random matrices may be singular
          throw e;
        }
        expect(residual(n, a, luSolve(lu, b), b)).toBeLessThan(1e-10);
        expect(residual(n, a, luSolveTranspose(lu, b), b, true)).toBeLessThan(1e-10);
      }),
    );
  });

  test('a singular matrix is refused, naming the column with no pivot', () => {
    expect(() => luFactor(2, Float64Array.from([1, 2, 2, 4]))).toThrow(SingularMatrixError);
    try {
      luFactor(3, Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 0]));
    } catch (e) {
      expect((e as SingularMatrixError).column).toBe(2);
    }
  });

  test('the input matrix is left untouched', () => {
    const a = Float64Array.from([4, 1, 2, 3]);
    luFactor(2, a);
    expect(Array.from(a)).toEqual([4, 1, 2, 3]);
  });
});

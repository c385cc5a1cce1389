import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { columnSums, csrFromDense, csrFromTriplets, multiply, multiplyTranspose, rowSums, toDense, transpose } from './csr.js';

const denseArb = fc
  .integer({ min: 1, max: 7 })
  .chain((n) => fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }));

const naive = (a: number[][], x: number[]) => a.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));

describe('CSR sparse matrix', () => {
  test('from triplets: duplicates add up, columns sorted within a row, zeros dropped', () => {
    const m = csrFromTriplets(2, 3, [1, 0, 0, 1, 0], [2, 1, 0, 2, 2], [1, 2, 3, 4, 0]);
    expect(Array.from(m.rowPtr)).toEqual([0, 2, 3]);
    expect(Array.from(m.colIdx)).toEqual([0, 1, 2]);
    expect(Array.from(m.values)).toEqual([3, 2, 5]);
    expect(toDense(m)).toEqual([[3, 2, 0], [0, 0, 5]]);
  });

  test('an index outside the matrix is refused', () => {
    expect(() => csrFromTriplets(2, 2, [0], [2], [1])).toThrow(/outside/);
  });

  test('A·x, Aᵀ·x, row and column sums and the transpose agree with dense arithmetic', () => {
    fc.assert(
      fc.property(denseArb, (a) => {
        const n = a.length;
        const m = csrFromDense(a);
        const x = Array.from({ length: n }, (_, i) => i + 1);
        const at = a[0]!.map((_, j) => a.map((row) => row[j]!));
        const close = (got: ArrayLike<number>, want: number[]) => want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 9));
        close(multiply(m, Float64Array.from(x)), naive(a, x));
        close(multiplyTranspose(m, Float64Array.from(x)), naive(at, x));
        close(rowSums(m), a.map((r) => r.reduce((s, v) => s + v, 0)));
        close(columnSums(m), at.map((r) => r.reduce((s, v) => s + v, 0)));
        expect(toDense(transpose(m))).toEqual(at.map((r) => r.map((v) => (v === 0 ? 0 : v))));
      }),
    );
  });
});

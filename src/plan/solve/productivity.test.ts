import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csrFromDense } from './csr.js';
import { checkProductivity, hawkinsSimon, NegativeCoefficientError, NotProductiveError, requireProductive } from './productivity.js';
import { economyArb, productiveArb } from './arbitrary-economy.js';

describe('productivity check (ρ(A) < 1, Hawkins–Simon)', () => {
  test('column sums below 1 decide at once', () => {
    const p = checkProductivity(csrFromDense([[0.1, 0.2], [0.3, 0.4]]));
    expect(p).toEqual({ productive: true, spectralRadius: 0.6000000000000001, how: 'column sums', offending: [] });
  });

  test('a column above 1 can still be productive: ρ = √0.2 ≈ 0.447', () => {
    const a = csrFromDense([[0, 2], [0.1, 0]]);
    const p = checkProductivity(a);
    expect(p.productive).toBe(true);
    expect(p.spectralRadius).toBeLessThan(1);
    expect(hawkinsSimon(a)).toBe(-1);
  });

  test('two sectors that each need 1.2 of the other per unit (periodic A, ρ = 1.2): both named', () => {
    const a = csrFromDense([[0, 1.2], [1.2, 0]]);
    const p = checkProductivity(a);
    expect(p.productive).toBe(false);
    expect(p.spectralRadius).toBeCloseTo(1.2, 6);
    expect([...p.offending].sort()).toEqual([0, 1]);
    expect(hawkinsSimon(a)).toBe(1);
  });

  test('the core is named, not the sectors that merely feed it or live off it', () => {
    // Sectors 1 and 2 need 0.6 + 0.6 of each other (ρ = 1.2 on that block); 0 sells to 1; 3 buys from 2.
    const a = csrFromDense([
      [0.1, 0.2, 0, 0],
      [0, 0.6, 0.6, 0],
      [0, 0.6, 0.6, 0.3],
      [0, 0, 0, 0.2],
    ]);
    expect(() => requireProductive(a)).toThrow(NotProductiveError);
    try {
      requireProductive(a);
    } catch (e) {
      expect([...(e as NotProductiveError).sectors].sort()).toEqual([1, 2]);
      expect((e as NotProductiveError).spectralRadius).toBeCloseTo(1.2, 4);
    }
  });

  test('a closed economy (ρ exactly 1: no surplus) is not productive', () => {
    expect(checkProductivity(csrFromDense([[0.5, 0.5], [0.5, 0.5]])).productive).toBe(false);
  });

  test('a negative coefficient is refused, naming where it is', () => {
    expect(() => checkProductivity(csrFromDense([[0.1, -0.2], [0.3, 0.4]]))).toThrow(NegativeCoefficientError);
  });

  test('random productive A (columns below 1) pass, and Hawkins–Simon agrees', () => {
    fc.assert(
      fc.property(productiveArb, ({ a }) => {
        expect(checkProductivity(a).productive).toBe(true);
        expect(hawkinsSimon(a)).toBe(-1);
      }),
    );
  });

  test('on random A with columns up to 3: the power-iteration decision agrees with Hawkins–Simon', () => {
    fc.assert(
      fc.property(economyArb(0.5, 3), ({ a }) => {
        const p = checkProductivity(a);
        if (Math.abs(p.spectralRadius - 1) < 1e-6) return; // too close to call in floating point
        expect(p.productive).toBe(hawkinsSimon(a) === -1);
        if (!p.productive) expect(p.offending.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

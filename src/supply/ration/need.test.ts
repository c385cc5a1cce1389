import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { equivalentTenths, householdClaims, householdNeed, householdWeight, type NeedRule } from './need.js';

const flour: NeedRule = { kind: 'equivalent_adult', perAdult: 1000 };
const h = (adults: number, children: number, infants: number) => ({ adults, children, infants });

describe('equivalent adults (OECD-modified: 1, 0.5 each further adult, 0.3 each child or infant)', () => {
  test('worked examples', () => {
    expect(householdNeed(flour, h(1, 0, 0))).toBe(1000);
    expect(householdNeed(flour, h(2, 1, 0))).toBe(1800); // 1 + 0.5 + 0.3
    expect(householdNeed(flour, h(2, 2, 1))).toBe(2400); // 1 + 0.5 + 3 × 0.3
    // No adult: the first child counts 1, the rest 0.3.
    expect(householdNeed(flour, h(0, 2, 1))).toBe(1600);
    expect(householdNeed(flour, h(0, 0, 2))).toBe(1300);
    expect(householdNeed(flour, h(0, 0, 0))).toBe(0);
  });

  test('exact in integers: 1000 × 1.3 is 1300, not 1299.999…', () => {
    expect(householdNeed(flour, h(1, 1, 0))).toBe(1300);
    expect(householdNeed({ kind: 'equivalent_adult', perAdult: 333 }, h(1, 1, 1))).toBe(533); // 333 × 1.6 = 532.8
  });

  test('halves round up: 5 × 1.3 = 6.5 → 7, 5 × 1.5 = 7.5 → 8', () => {
    expect(householdNeed({ kind: 'equivalent_adult', perAdult: 5 }, h(1, 1, 0))).toBe(7);
    expect(householdNeed({ kind: 'equivalent_adult', perAdult: 5 }, h(2, 0, 0))).toBe(8);
  });

  test('the need is N × weight rounded half up, for any household', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.nat(12), fc.nat(12), fc.nat(12), (perAdult, adults, children, infants) => {
        const tenths = equivalentTenths(h(adults, children, infants));
        const need = householdNeed({ kind: 'equivalent_adult', perAdult }, h(adults, children, infants));
        // need − N·w ∈ (−½, ½], in tenths: 10·need − N·tenths ∈ (−5, 5]
        const diff = 10 * need - perAdult * tenths;
        expect(diff > -5 && diff <= 5).toBe(true);
        expect(Number.isInteger(need)).toBe(true);
      }),
    );
  });

  test('another scale can be given, in tenths', () => {
    const square: NeedRule = { kind: 'equivalent_adult', perAdult: 100, scale: { first: 10, adult: 7, child: 5, infant: 0 } };
    expect(householdNeed(square, h(2, 1, 1))).toBe(220);
  });
});

describe('per child and per infant', () => {
  test('milk only for children, formula only for infants; the weight counts the same people', () => {
    const milk: NeedRule = { kind: 'per_child', perChild: 500 };
    const formula: NeedRule = { kind: 'per_infant', perInfant: 800 };
    expect([householdNeed(milk, h(2, 3, 1)), householdWeight(milk, h(2, 3, 1))]).toEqual([1500, 30]);
    expect([householdNeed(formula, h(2, 3, 1)), householdWeight(formula, h(2, 3, 1))]).toEqual([800, 10]);
    expect(householdNeed(milk, h(2, 0, 1))).toBe(0);
  });
});

describe('householdClaims', () => {
  test('columns agree with the one-household functions, and mark the special households', () => {
    const counts = { adults: [1, 0, 3], children: [0, 2, 1], infants: [1, 0, 0], special: [0, 1, 0] };
    const c = householdClaims(flour, counts);
    expect(Array.from(c.need)).toEqual([1300, 1300, 2300]);
    expect(Array.from(c.weight)).toEqual([13, 13, 23]);
    expect(Array.from(c.special)).toEqual([0, 1, 0]);
  });

  test('a rule with a negative or fractional amount is refused', () => {
    const counts = { adults: [1], children: [0], infants: [0] };
    expect(() => householdClaims({ kind: 'equivalent_adult', perAdult: -1 }, counts)).toThrow('perAdult: must be a whole number ≥ 0');
    expect(() => householdClaims({ kind: 'per_child', perChild: 0.5 }, counts)).toThrow('perChild');
  });
});

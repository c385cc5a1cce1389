import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RATION_METHODS, type ClaimColumns, type RationMethod } from './allocate.js';
import { splitDelivery, type CommitteeClaims } from './district.js';

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);
const committee = (name: string, need: number[], weight: number[], special?: number[]): CommitteeClaims => ({ committee: name, claims: { need, weight, special } });

describe('splitDelivery', () => {
  test('worked example: committees share on their totals, then their households share within', () => {
    // North needs 1000 + 500 (weights 10, 5), South 1500 (weight 15): 3000 of need, 1500 delivered.
    const north = committee('north', [1000, 500], [10, 5]);
    const south = committee('south', [1500], [15]);
    for (const method of ['proportional', 'maxmin'] as const) {
      const split = splitDelivery(1500, [north, south], method, 1);
      expect(split.map((c) => [c.committee, c.share, Array.from(c.rations)])).toEqual([
        ['north', 750, [500, 250]],
        ['south', 750, [750]],
      ]);
    }
  });

  test('priority across committees: special households anywhere before ordinary ones anywhere', () => {
    const north = committee('north', [400, 600], [10, 10], [1, 0]);
    const south = committee('south', [300, 700], [10, 10], [0, 1]);
    // 1100 of special need (400 + 700), 1200 delivered: both special in full, 100 left for
    // the ordinary households (600 and 300, equal weight: level 5 per weight, 50 each).
    const split = splitDelivery(1200, [north, south], 'priority', 1);
    expect(split.map((c) => [c.share, Array.from(c.rations)])).toEqual([
      [450, [400, 50]],
      [750, [50, 700]],
    ]);
  });

  const claimsArb = fc
    .array(fc.record({ need: fc.integer({ min: 0, max: 40 }), weight: fc.constantFrom(10, 13, 16, 18, 23), special: fc.constantFrom(0, 0, 1) }), { maxLength: 8 })
    .map((hs): ClaimColumns => ({ need: hs.map((h) => h.need), weight: hs.map((h) => h.weight), special: hs.map((h) => h.special) }));
  const districtArb = fc.array(claimsArb, { minLength: 1, maxLength: 6 }).map((cs) => cs.map((claims, k) => ({ committee: `c${k}`, claims })));
  const methodArb = fc.constantFrom<RationMethod>(...RATION_METHODS);

  test('shares add up to min(stock, Σ need); each committee gives out exactly its share; nobody above need', () => {
    fc.assert(
      fc.property(districtArb, methodArb, fc.nat(0xffffffff), fc.nat(1200), (district, method, seed, stock) => {
        const split = splitDelivery(stock, district, method, seed);
        const need = sum(district.map((c) => sum(c.claims.need)));
        expect(sum(split.map((c) => c.share))).toBe(Math.min(stock, need));
        split.forEach((c, k) => {
          expect(c.committee).toBe(district[k]!.committee);
          expect(sum(c.rations)).toBe(c.share);
          c.rations.forEach((r, i) => expect(r).toBeLessThanOrEqual(district[k]!.claims.need[i]!));
        });
      }),
    );
  });

  test('more stock never lowers a committee’s share or a household’s ration', () => {
    fc.assert(
      fc.property(districtArb, methodArb, fc.nat(0xffffffff), fc.nat(1000), fc.nat(200), (district, method, seed, stock, more) => {
        const a = splitDelivery(stock, district, method, seed);
        const b = splitDelivery(stock + more, district, method, seed);
        a.forEach((c, k) => {
          expect(b[k]!.share).toBeGreaterThanOrEqual(c.share);
          c.rations.forEach((r, i) => expect(b[k]!.rations[i]).toBeGreaterThanOrEqual(r));
        });
      }),
    );
  });

  test('priority: no ordinary household gets a unit while any special household in the district is short', () => {
    fc.assert(
      fc.property(districtArb, fc.nat(0xffffffff), fc.nat(1200), (district, seed, stock) => {
        const split = splitDelivery(stock, district, 'priority', seed);
        const short = split.some((c, k) => Array.from(c.rations).some((r, i) => district[k]!.claims.special![i] === 1 && r < district[k]!.claims.need[i]!));
        if (short) split.forEach((c, k) => c.rations.forEach((r, i) => district[k]!.claims.special![i] === 0 && expect(r).toBe(0)));
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allocateRations, RATION_METHODS, type ClaimColumns, type RationMethod } from './allocate.js';
import { householdClaims } from './need.js';

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);
const claims = (need: number[], weight: number[], special?: number[]): ClaimColumns => ({ need, weight, special });

describe('worked examples', () => {
  // A needs 100 and weighs 10; B needs 20 and weighs 10; 60 units for 120 of need.
  const ab = claims([100, 20], [10, 10], [0, 1]);

  test('proportional: half of every need — A 50, B 10', () => {
    expect(Array.from(allocateRations(60, ab, 'proportional', 1))).toEqual([50, 10]);
  });

  test('maxmin: the same level for both until B is full at 20 (level 2); A takes the rest, 40 (level 4)', () => {
    expect(Array.from(allocateRations(60, ab, 'maxmin', 1))).toEqual([40, 20]);
  });

  test('priority: the special household is served in full first', () => {
    expect(Array.from(allocateRations(60, claims([100, 20], [10, 10], [1, 0]), 'priority', 1))).toEqual([60, 0]);
    expect(Array.from(allocateRations(110, claims([100, 20], [10, 10], [1, 0]), 'priority', 1))).toEqual([100, 10]);
  });

  test('three households of 1.8, 1 and 1.6 equivalent adults (needs 1800, 1000, 1600), 2200 units', () => {
    const three = claims([1800, 1000, 1600], [18, 10, 16], [0, 1, 0]);
    // Half of every need: 900, 500, 800 (the level 50 per tenth of an adult, for maxmin too).
    expect(Array.from(allocateRations(2200, three, 'proportional', 1))).toEqual([900, 500, 800]);
    expect(Array.from(allocateRations(2200, three, 'maxmin', 1))).toEqual([900, 500, 800]);
    // The special household gets its 1000; 1200 left for weights 18 and 16: level 1200/34 =
    // 35.29 per tenth → 635.29 and 564.71, rounded to the nearest unit: 635 and 565.
    expect(Array.from(allocateRations(2200, three, 'priority', 1))).toEqual([635, 1000, 565]);
  });

  test('no Alabama paradox: one more unit never takes one from anyone', () => {
    // Needs 6, 6, 2. Largest remainders would give 4, 4, 2 of 10 (quotas 4.29, 4.29, 1.43)
    // but 5, 5, 1 of 11 (quotas 4.71, 4.71, 1.57): the small household loses a unit when
    // the stock grows. Here the three units at level 0.75 (the 5th of each 6, the 2nd of
    // the 2) go in lot order, the same for 10 and 11 units.
    const c = claims([6, 6, 2], [6, 6, 2]);
    for (let seed = 0; seed < 20; seed++) {
      const ten = allocateRations(10, c, 'proportional', seed);
      const eleven = allocateRations(11, c, 'proportional', seed);
      for (let i = 0; i < 3; i++) expect(eleven[i]).toBeGreaterThanOrEqual(ten[i]!);
    }
  });

  test('enough stock: everyone gets their need, whatever the method', () => {
    for (const m of RATION_METHODS) expect(Array.from(allocateRations(5000, claims([7, 0, 13], [1, 0, 2], [1, 0, 0]), m, 3))).toEqual([7, 0, 13]);
  });

  test('a unit that falls between equal households goes by the seed, the same way every time', () => {
    const equal = claims([1000, 1000, 1000], [10, 10, 10]);
    const winners = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const a = Array.from(allocateRations(1000, equal, 'proportional', seed));
      expect([...a].sort()).toEqual([333, 333, 334]);
      expect(Array.from(allocateRations(1000, equal, 'proportional', seed))).toEqual(a);
      winners.add(a.indexOf(334));
    }
    expect(winners.size).toBe(3);
  });

  test('bad input is refused with the field named', () => {
    expect(() => allocateRations(-1, claims([1], [1]), 'maxmin', 0)).toThrow('stock: must be a whole number ≥ 0');
    expect(() => allocateRations(1.5, claims([1], [1]), 'maxmin', 0)).toThrow('stock');
    expect(() => allocateRations(1, claims([2.5], [1]), 'maxmin', 0)).toThrow('need[0]: must be a whole number ≥ 0, got 2.5');
    expect(() => allocateRations(1, claims([0, 2], [1, 0]), 'maxmin', 0)).toThrow('weight[1]: must be from 1e-9 to 1e15');
    expect(() => allocateRations(1, claims([1, 2], [1]), 'maxmin', 0)).toThrow('one entry per household');
  });
});

// Households with independent needs and weights (few distinct weights, so ties are common).
const claimsArb = fc
  .array(fc.record({ need: fc.integer({ min: 0, max: 60 }), weight: fc.constantFrom(10, 13, 15, 16, 18, 20, 23), special: fc.constantFrom(0, 0, 1) }), { maxLength: 30 })
  .map((hs) => claims(hs.map((h) => h.need), hs.map((h) => h.weight), hs.map((h) => h.special)));
const methodArb = fc.constantFrom<RationMethod>(...RATION_METHODS);
const seedArb = fc.integer({ min: 0, max: 0xffffffff });

describe('invariants, every method', () => {
  test('Σ ration = min(stock, Σ need), nobody above need, no unit left while anyone is short', () => {
    fc.assert(
      fc.property(claimsArb, methodArb, seedArb, fc.nat(2000), (c, method, seed, stock) => {
        const a = allocateRations(stock, c, method, seed);
        expect(sum(a)).toBe(Math.min(stock, sum(c.need)));
        for (let i = 0; i < a.length; i++) {
          expect(Number.isInteger(a[i])).toBe(true);
          expect(a[i]).toBeGreaterThanOrEqual(0);
          expect(a[i]).toBeLessThanOrEqual(c.need[i]!);
        }
      }),
    );
  });

  test('more stock never lowers anyone’s ration (same households, same seed)', () => {
    fc.assert(
      fc.property(claimsArb, methodArb, seedArb, fc.nat(1500), fc.nat(300), (c, method, seed, stock, more) => {
        const a = allocateRations(stock, c, method, seed);
        const b = allocateRations(stock + more, c, method, seed);
        for (let i = 0; i < a.length; i++) expect(b[i]).toBeGreaterThanOrEqual(a[i]!);
      }),
    );
  });

  test('monotone one unit at a time, from nothing to every need', () => {
    fc.assert(
      fc.property(claimsArb, methodArb, seedArb, (c, method, seed) => {
        let prev = allocateRations(0, c, method, seed);
        for (let s = 1; s <= sum(c.need); s++) {
          const next = allocateRations(s, c, method, seed);
          let gained = 0;
          for (let i = 0; i < next.length; i++) {
            expect(next[i]).toBeGreaterThanOrEqual(prev[i]!);
            gained += next[i]! - prev[i]!;
          }
          expect(gained).toBe(1);
          prev = next;
        }
      }),
      { numRuns: 25 },
    );
  });

  test('households with the same counts and tier get rations within one unit of each other', () => {
    const householdArb = fc.record({ adults: fc.nat(4), children: fc.nat(4), infants: fc.nat(2), special: fc.constantFrom(0, 1) });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(householdArb, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        methodArb,
        seedArb,
        fc.double({ min: 0, max: 1.1, noNaN: true }),
        (kinds, perAdult, method, seed, fraction) => {
          const hs = kinds.flatMap(([h, copies]) => Array.from({ length: copies }, () => h));
          const c = householdClaims(
            { kind: 'equivalent_adult', perAdult },
            { adults: hs.map((h) => h.adults), children: hs.map((h) => h.children), infants: hs.map((h) => h.infants), special: hs.map((h) => h.special) },
          );
          const a = allocateRations(Math.floor(sum(c.need) * fraction), c, method, seed);
          const byKind = new Map<string, number[]>();
          hs.forEach((h, i) => {
            const k = JSON.stringify(h);
            byKind.set(k, [...(byKind.get(k) ?? []), a[i]!]);
          });
          for (const rs of byKind.values()) expect(Math.max(...rs) - Math.min(...rs)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  test('the same seed gives the same rations', () => {
    fc.assert(
      fc.property(claimsArb, methodArb, seedArb, fc.nat(1000), (c, method, seed, stock) => {
        expect(Array.from(allocateRations(stock, c, method, seed))).toEqual(Array.from(allocateRations(stock, c, method, seed)));
      }),
    );
  });
});

describe('at scale (the level search, not just the final sort)', () => {
  test('200,000 households: exact sums, within need, monotone over rising stock, equal households within one unit', () => {
    const n = 200_000;
    const adults = Int32Array.from({ length: n }, (_, i) => 1 + (i % 4));
    const children = Int32Array.from({ length: n }, (_, i) => (i * 7) % 5);
    const infants = Int32Array.from({ length: n }, (_, i) => (i % 9 === 0 ? 1 : 0));
    const special = Uint8Array.from({ length: n }, (_, i) => (i % 23 === 0 ? 1 : 0));
    const c = householdClaims({ kind: 'equivalent_adult', perAdult: 997 }, { adults, children, infants, special });
    const total = sum(c.need);
    for (const method of RATION_METHODS) {
      let prev: ArrayLike<number> = new Float64Array(n);
      for (const fraction of [0.0123, 0.31, 0.3100001, 0.6543, 0.99]) {
        const stock = Math.floor(total * fraction);
        const a = allocateRations(stock, c, method, 5);
        expect(sum(a), `${method} ${fraction}`).toBe(stock);
        const range = new Map<number, [number, number]>(); // by (need, special): min and max ration
        let bad = 0;
        for (let i = 0; i < n; i++) {
          if (a[i]! > c.need[i]! || a[i]! < prev[i]!) bad++;
          const key = c.need[i]! * 2 + c.special[i]!;
          const [lo, hi] = range.get(key) ?? [Infinity, -Infinity];
          range.set(key, [Math.min(lo, a[i]!), Math.max(hi, a[i]!)]);
        }
        expect(bad, `${method} ${fraction}`).toBe(0);
        for (const [lo, hi] of range.values()) expect(hi - lo).toBeLessThanOrEqual(1);
        prev = a;
      }
    }
  });
});

describe('what each method means', () => {
  // The level at which a household's k-th unit is released: (k − ½) / weight.
  const released = (k: number, w: number) => (k - 0.5) / w;

  test('maxmin: nobody short of need could take a unit released before someone else’s last', () => {
    fc.assert(
      fc.property(claimsArb, seedArb, fc.nat(2000), (c, seed, stock) => {
        const a = allocateRations(stock, c, 'maxmin', seed);
        for (let i = 0; i < a.length; i++) {
          if (a[i]! >= c.need[i]!) continue;
          for (let j = 0; j < a.length; j++)
            if (a[j]! > 0) expect(released(a[j]!, c.weight[j]!)).toBeLessThanOrEqual(released(a[i]! + 1, c.weight[i]!));
        }
      }),
    );
  });

  test('proportional: the same, with need as the weight — every ration is its need × one common fraction, rounded', () => {
    fc.assert(
      fc.property(claimsArb, seedArb, fc.nat(2000), (c, seed, stock) => {
        const a = allocateRations(stock, c, 'proportional', seed);
        for (let i = 0; i < a.length; i++) {
          if (a[i]! >= c.need[i]!) continue;
          for (let j = 0; j < a.length; j++) if (a[j]! > 0) expect(released(a[j]!, c.need[j]!)).toBeLessThanOrEqual(released(a[i]! + 1, c.need[i]!));
        }
      }),
    );
  });

  test('priority: nobody ordinary gets a unit while a special household is short', () => {
    fc.assert(
      fc.property(claimsArb, seedArb, fc.nat(2000), (c, seed, stock) => {
        const a = allocateRations(stock, c, 'priority', seed);
        const specialShort = Array.from(a).some((x, i) => c.special![i] === 1 && x < c.need[i]!);
        if (specialShort) for (let i = 0; i < a.length; i++) if (c.special![i] === 0) expect(a[i]).toBe(0);
      }),
    );
  });
});

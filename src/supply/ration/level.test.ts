import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../core/seeded.js';
import { drawLots, fillToLevel } from './level.js';

/** The definition, unit by unit: list every (household, k) at its level t = (2k − 1) / 2w, take the first `stock`. */
function firstUnits(stock: number, caps: Float64Array, weights: Float64Array, lots: Uint32Array): Float64Array {
  const units: { t: number; i: number }[] = [];
  caps.forEach((c, i) => {
    for (let k = 1; k <= c; k++) units.push({ t: (2 * k - 1) / (2 * weights[i]!), i });
  });
  units.sort((a, b) => a.t - b.t || lots[a.i]! - lots[b.i]! || a.i - b.i);
  const out = new Float64Array(caps.length);
  for (const u of units.slice(0, stock)) out[u.i]!++;
  return out;
}

// Weights mostly from a few values, so equal levels (ties) are common; some fractional, some arbitrary.
const caseArb = fc
  .array(fc.record({ cap: fc.integer({ min: 0, max: 40 }), weight: fc.oneof(fc.constantFrom(1, 3, 5, 10, 13, 15, 18, 0.3, 2.5, 7), fc.double({ min: 0.01, max: 100, noNaN: true })) }), { minLength: 1, maxLength: 25 })
  .chain((hs) =>
    fc.record({
      caps: fc.constant(Float64Array.from(hs, (h) => h.cap)),
      weights: fc.constant(Float64Array.from(hs, (h) => h.weight)),
      stock: fc.integer({ min: 0, max: hs.reduce((s, h) => s + h.cap, 0) + 3 }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      sortLimit: fc.constantFrom(0, 1, 4, 1 << 14),
    }),
  );

describe('fillToLevel', () => {
  test('gives exactly the first `stock` units in order of (level, lot, index), however the search ends', () => {
    fc.assert(
      fc.property(caseArb, ({ caps, weights, stock, seed, sortLimit }) => {
        const lots = drawLots(caps.length, seededRandom(seed));
        expect(Array.from(fillToLevel(stock, caps, weights, lots, undefined, sortLimit))).toEqual(Array.from(firstUnits(stock, caps, weights, lots)));
      }),
      { numRuns: 400 },
    );
  });

  test('rationally equal levels tie and go by lot: ½ unit at weight 10 and 1½ at weight 30', () => {
    // Levels: household 0 releases units at 0.05, 0.15, …; household 1 at 0.01666…, 0.05, …
    const caps = Float64Array.from([2, 2]);
    const weights = Float64Array.from([10, 30]);
    const a = fillToLevel(2, caps, weights, Uint32Array.from([5, 1]));
    const b = fillToLevel(2, caps, weights, Uint32Array.from([1, 5]));
    expect([Array.from(a), Array.from(b)]).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });

  test('caps past 32 bits (a committee’s total) are counted in doubles', () => {
    const out = fillToLevel(7_000_000_001, Float64Array.from([3e9, 5e9, 2e9]), Float64Array.from([1, 1, 2]), Uint32Array.from([0, 1, 2]));
    // Level 1.75e9 per unit of weight: 1.75e9, 1.75e9, 3.5e9 → capped at 2e9, so 2.5e9 each for the first two; one unit by lot.
    expect(Array.from(out)).toEqual([2_500_000_001, 2_500_000_000, 2_000_000_000]);
  });

  test('writes only households with a cap, so two tiers can fill one array', () => {
    const out = Float64Array.from([7, 7, 7]);
    expect(Array.from(fillToLevel(3, Float64Array.from([0, 5, 5]), Float64Array.from([1, 1, 1]), Uint32Array.from([0, 1, 2]), out))).toEqual([7, 2, 1]);
    expect(Array.from(fillToLevel(20, Float64Array.from([0, 5, 5]), Float64Array.from([1, 1, 1]), Uint32Array.from([0, 1, 2]), out))).toEqual([7, 5, 5]);
    expect(Array.from(fillToLevel(0, Float64Array.from([0, 5, 5]), Float64Array.from([1, 1, 1]), Uint32Array.from([0, 1, 2]), out))).toEqual([7, 0, 0]);
  });

  test('a large tie is settled by lot without sorting everyone', () => {
    const n = 200_000;
    const caps = new Float64Array(n).fill(3);
    const weights = new Float64Array(n).fill(10);
    const lots = drawLots(n, seededRandom(9));
    const out = fillToLevel(n + 12_345, caps, weights, lots);
    let twos = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += out[i]!;
      if (out[i] === 2) twos++;
    }
    expect([sum, twos]).toEqual([n + 12_345, 12_345]);
    // The ones that got a second unit are those with the lowest lots.
    const cut = [...lots].sort((x, y) => x - y)[12_344]!;
    let wrong = 0;
    for (let i = 0; i < n; i++) if ((out[i] === 2) !== lots[i]! <= cut) wrong++;
    expect(wrong).toBe(0);
  });
});

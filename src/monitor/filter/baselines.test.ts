import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createEwma, createSeasonalNaive, updateEwma, updateSeasonalNaive } from './baselines.js';

const HOUR = 3_600_000;
const runEwma = (values: number[]) => {
  const s = createEwma();
  return values.flatMap((v, i) => (updateEwma(s, v).change ? [i] : []));
};
const runNaive = (values: number[]) => {
  const s = createSeasonalNaive();
  return values.flatMap((v, i) => (updateSeasonalNaive(s, v, i * HOUR).change ? [i] : []));
};

describe('baselines: EWMA control chart and seasonal naive', () => {
  test('a constant series never flags', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (c) => {
        const values = new Array(300).fill(c);
        expect(runEwma(values)).toEqual([]);
        expect(runNaive(values)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  test('a big step is flagged once, right after it', () => {
    const values = Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i * 1.3) + (i >= 150 ? 50 : 0));
    expect(runEwma(values)).toEqual([150]);
    // The seasonal naive forecast is a day old: the step surprises it once, at the step.
    expect(runNaive(values)).toEqual([150]);
  });

  test('the EWMA state survives JSON', () => {
    const values = Array.from({ length: 100 }, (_, i) => 10 + Math.sin(i) + (i > 60 ? 20 : 0));
    const a = createEwma();
    let b = createEwma();
    values.forEach((v, i) => {
      if (i === 40) b = JSON.parse(JSON.stringify(b));
      expect(updateEwma(b, v)).toEqual(updateEwma(a, v));
    });
  });
});

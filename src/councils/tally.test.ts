import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { tallyChoice } from './tally.js';

const YNA = ['yes', 'no', 'abstain'];
const v = (choice: number, n: number, weight = 100) => Array.from({ length: n }, () => ({ choice, weight }));

describe('tallyChoice', () => {
  test('simple majority of votes cast: abstentions do not count against', () => {
    const t = tallyChoice([...v(0, 4), ...v(1, 3), ...v(2, 5)], YNA, { base: 'cast', threshold: 0.5, quorum: 0.5 }, 1500);
    expect(t).toMatchObject({ weights: [400, 300, 500], cast: 1200, quorate: true, adopted: 0, needed: 350 });
  });

  test('majority of members: absence counts against', () => {
    expect(tallyChoice([...v(0, 4), ...v(1, 3)], YNA, { base: 'members', threshold: 0.5, quorum: 0.5 }, 1000).adopted).toBeNull();
  });

  test('a two-thirds majority needs more than two thirds', () => {
    const rule = { base: 'cast' as const, threshold: 2 / 3, quorum: 0 };
    expect(tallyChoice([...v(0, 2), ...v(1, 1)], YNA, rule, 300).adopted).toBeNull(); // exactly 2/3 is not more
    expect(tallyChoice([...v(0, 3), ...v(1, 1)], YNA, rule, 400).adopted).toBe(0);
  });

  test('shares are compared exactly: 35% of 2,000 votes is not more than 35%, and exactly the quorum is quorate', () => {
    const t = tallyChoice([...v(0, 700), ...v(1, 1300)], YNA, { base: 'cast', threshold: 0.35, quorum: 0.3 }, 200_000 / 0.3);
    expect(t.adopted).toBe(1);
    const exact = tallyChoice([...v(0, 7), ...v(1, 13)], ['a', 'b'], { base: 'members', threshold: 0.35, quorum: 0.3 }, 2000);
    expect(exact.quorate).toBe(true);
    expect(tallyChoice(v(0, 7), ['a', 'b'], { base: 'members', threshold: 0.35, quorum: 0 }, 2000).adopted).toBeNull();
  });

  test('without quorum nothing passes; a tie passes nothing', () => {
    expect(tallyChoice(v(0, 4), YNA, { base: 'cast', threshold: 0.5, quorum: 0.5 }, 1000)).toMatchObject({ quorate: false, adopted: null });
    expect(tallyChoice([...v(0, 2), ...v(1, 2)], YNA, { base: 'cast', threshold: 0, quorum: 0 }, 400).adopted).toBeNull();
  });

  test('weights decide, not heads: one delegate of 500 outweighs two of 200', () => {
    expect(tallyChoice([{ choice: 1, weight: 50_000 }, { choice: 0, weight: 20_000 }, { choice: 0, weight: 20_000 }], YNA, { base: 'cast', threshold: 0.5, quorum: 0 }, 90_000).adopted).toBe(1);
  });

  test('the adopted option always has more than the threshold of its base', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ choice: fc.integer({ min: 0, max: 2 }), weight: fc.integer({ min: 1, max: 1000 }) })), fc.integer({ min: 0, max: 99 }), (votes, pct) => {
        const t = tallyChoice(votes, YNA, { base: 'cast', threshold: pct / 100, quorum: 0 }, 10_000_000);
        if (t.adopted !== null) {
          expect(t.adopted).not.toBe(2);
          expect(t.weights[t.adopted]!).toBeGreaterThan((pct / 100) * (t.weights[0]! + t.weights[1]!));
        }
      }),
    );
  });
});

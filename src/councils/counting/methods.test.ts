import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Election } from './ballots.js';
import { count } from './index.js';

/** Builds an election from "count:ABC" lines over candidates A, B, C, … */
function election(seats: number, lines: string[], n = 5): Election {
  const candidates = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
  const groups = lines.map((l) => {
    const [c, r] = l.split(':');
    return { ranking: Int32Array.from([...r!].map((ch) => ch.charCodeAt(0) - 65)), count: Number(c) };
  });
  return { candidates, seats, withdrawn: [], groups, ballots: groups.reduce((a, g) => a + g.count, 0), title: '' };
}

describe('Schulze', () => {
  test('the worked example of Schulze (2011) and Wikipedia: E > A > C > B > D', () => {
    const e = election(5, ['5:ACBED', '5:ADECB', '8:BEDAC', '3:CABED', '7:CAEBD', '2:CBADE', '7:DCEBA', '8:EBADC']);
    const r = count(e, 'schulze');
    expect(r.elected).toEqual(['E', 'A', 'C', 'B', 'D']);
    expect(r.stages[0]!.pairwise![0]![1]).toBe(20); // d[A][B]
    expect(r.stages[0]!.paths![4]![3]).toBe(31); // p[E][D]
  });

  test('a Condorcet winner always wins', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.shuffledSubarray([...'ABCD'], { minLength: 1 })), { minLength: 1, maxLength: 12 }), (raw) => {
        const e = election(1, raw.map(([c, r]) => `${c}:${r.join('')}`), 4);
        const d = count(e, 'schulze').stages[0]!.pairwise!;
        const condorcet = [0, 1, 2, 3].find((i) => [0, 1, 2, 3].every((j) => j === i || d[i]![j]! > d[j]![i]!));
        if (condorcet !== undefined) expect(count(e, 'schulze').elected).toEqual([e.candidates[condorcet]]);
      }),
    );
  });
});

describe('instant-runoff', () => {
  test('excludes the fewest and transfers until a majority', () => {
    // A 8, B 7, C 6 (C's voters prefer B): C out, B wins 13–8
    const r = count(election(1, ['8:A', '7:BA', '6:CB'], 3), 'irv');
    expect(r.elected).toEqual(['B']);
    expect(r.stages.map((s) => s.action.candidate ?? s.action.type)).toEqual(['first', 'C']);
    expect(r.stages[1]!.votes).toEqual({ A: 8, B: 13, C: 0 });
    expect(r.stages[0]!.quota).toBe(11);
  });

  test('refuses more than one seat with a clear message', () => {
    expect(() => count(election(2, ['1:A']), 'irv')).toThrow(/elects one seat/);
  });
});

describe('plurality and approval', () => {
  test('plurality counts first preferences; approval counts every ranked candidate', () => {
    const e = election(1, ['4:AB', '3:BC', '3:CB'], 3);
    expect(count(e, 'plurality').elected).toEqual(['A']);
    expect(count(e, 'approval').elected).toEqual(['B']);
    expect(count(e, 'approval').stages[0]!.votes).toEqual({ A: 4, B: 10, C: 6 });
  });

  test('a tie at the cut is drawn by lot, recorded, and repeatable by seed', () => {
    const e = election(1, ['2:A', '2:B'], 2);
    const r = count(e, 'plurality', 7);
    expect(r.tieBreaks).toEqual([expect.objectContaining({ tied: ['A', 'B'], by: 'lot' })]);
    expect(count(e, 'plurality', 7).elected).toEqual(r.elected);
  });

  test('an empty election elects by lot and says so', () => {
    const e = election(1, [], 2);
    const r = count(e, 'plurality', 1);
    expect(r.ballots).toBe(0);
    expect(r.tieBreaks).toHaveLength(1);
  });
});

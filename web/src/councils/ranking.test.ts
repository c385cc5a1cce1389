import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addPreference, movePreference, removePreference } from './ranking.js';

const rankingArb = fc.uniqueArray(fc.constantFrom('ana', 'beto', 'carla', 'dario', 'elena'), { maxLength: 5 });
const candidateArb = fc.constantFrom('ana', 'beto', 'carla', 'dario', 'elena', 'nadie');

describe('a ranked ballot', () => {
  test('add, move and remove, worked through', () => {
    let r = addPreference([], 'carla');
    r = addPreference(r, 'ana');
    r = addPreference(r, 'carla');
    expect(r).toEqual(['carla', 'ana']);
    expect(movePreference(r, 'ana', -1)).toEqual(['ana', 'carla']);
    expect(movePreference(r, 'carla', -1)).toEqual(['carla', 'ana']);
    expect(removePreference(r, 'carla')).toEqual(['ana']);
  });

  test('every operation keeps a ranking of distinct candidates, and moving never adds or drops one', () => {
    fc.assert(
      fc.property(rankingArb, candidateArb, fc.constantFrom(-1 as const, 1 as const), (ranking, c, by) => {
        for (const next of [addPreference(ranking, c), removePreference(ranking, c), movePreference(ranking, c, by)])
          expect(new Set(next).size).toBe(next.length);
        expect([...movePreference(ranking, c, by)].sort()).toEqual([...ranking].sort());
        expect(movePreference(movePreference(ranking, c, by), c, by === 1 ? -1 : 1).length).toBe(ranking.length);
      }),
    );
  });
});

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Election } from './ballots.js';
import { parseBlt } from './blt.js';
import { countStv, mulDivFloor } from './stv.js';

const load = (file: string) => parseBlt(readFileSync(new URL(`../../../test/data/elections/${file}`, import.meta.url), 'utf8'));

// Official results (test/data/elections/README.md): winners, and stages where known.
const OFFICIAL: { file: string; winners: string[]; stages: number; quota?: number }[] = [
  { file: 'edinburgh_2017_ward3_drum_brae_gyle.blt', winners: ['Robert Christopher ALDRIDGE', 'Claire BRIDGMAN', 'Mark BROWN'], stages: 2 },
  { file: 'edinburgh_2017_ward13_leith.blt', winners: ['Adam MCVEY', 'Chas BOOTH', 'Gordon John MUNRO'], stages: 4 },
  { file: 'glasgow_2007_govan.blt', winners: ['Shaukat Butt', 'Stephen Dornan', 'John Flanagan', 'Allison Hunter'], stages: 9, quota: 1913 },
  { file: 'aberdeen_2017_ward12.blt', winners: ['Alan DONNELLY (Con)', 'Yvonne ALLAN (Lab)', 'Christian Guy ALLARD (SNP)', 'Catriona MACKENZIE (SNP)'], stages: 9, quota: 1120 },
  { file: 'dundee_2017_ward2.blt', winners: ['Roisin SMITH (SNP)', 'Alan ROSS (SNP)', 'Michael MARRA (Lab)', 'Charlie MALONE (Lab)'], stages: 10 },
  { file: 'argyll_bute_2017_ward7.blt', winners: ['Bobby GOOD (C)', 'Audrey E FORREST (SNP)', 'Jim ANDERSON (Ind)'], stages: 8 },
  { file: 'glasgow_2017_ward16.blt', winners: ['Robert MOONEY (Lab)', 'Gary GRAY (Lab)', 'Jacqueline MCLAREN (SNP)', 'Allan GOW (SNP)'], stages: 11 },
];

describe('Scottish STV on real council elections', () => {
  for (const o of OFFICIAL)
    test(`${o.file} elects the official winners in ${o.stages} stages`, () => {
      const r = countStv(load(o.file));
      expect([...r.elected].sort()).toEqual([...o.winners].sort());
      expect(r.stages).toHaveLength(o.stages);
      if (o.quota) expect(r.quota).toBe(o.quota);
      expect(r.tieBreaks).toEqual([]);
    });

  test('Aberdeen: Alan Donnelly is elected at stage 1, first', () => {
    const r = countStv(load('aberdeen_2017_ward12.blt'));
    expect(r.elected[0]).toBe('Alan DONNELLY (Con)');
    expect(r.stages[0]!.elected).toEqual(['Alan DONNELLY (Con)']);
  });

  test('Govan 2007: every stage matches the droop reference report to 5 decimals', () => {
    const r = countStv(load('glasgow_2007_govan.blt'));
    const s2 = r.stages[1]!;
    expect(s2.action).toEqual({ type: 'surplus', candidate: 'Allison Hunter' });
    expect(s2.votes).toMatchObject({ 'Shaukat Butt': 1412.4557, 'Michael Cobley': 449.6608, 'Stephen Dornan': 1651.1689, 'John Flanagan': 1705.1234, 'Alan L Hughes': 146.697, 'Will Jess': 473.8266, 'Irene Lang': 505.5529, 'Patricia McIntyre': 480.4395, 'George Douglas McNee': 399.0324, 'Carolina Perez': 138.3516, 'Allison Hunter': 1913 });
    expect(s2.exhausted).toBe(284.6818);
    expect(s2.loss).toBe(0.0094);
    const exclusions = r.stages.slice(2).map((s) => s.action.candidate);
    expect(exclusions).toEqual(['Carolina Perez', 'Alan L Hughes', 'George Douglas McNee', 'Michael Cobley', 'Irene Lang', 'Patricia McIntyre', 'Will Jess']);
    const last = r.stages.at(-1)!;
    expect(last.votes).toMatchObject({ 'Shaukat Butt': 1675.7356, 'Stephen Dornan': 1921.6801, 'John Flanagan': 1984.1427 });
    expect(last.exhausted).toBe(2065.4322);
  });
});

// Random small elections for the invariants.
const electionArb = fc
  .integer({ min: 2, max: 7 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      seats: fc.integer({ min: 1, max: n }),
      groups: fc.array(
        fc.record({ ranking: fc.shuffledSubarray([...Array(n).keys()], { minLength: 1 }), count: fc.integer({ min: 1, max: 40 }) }),
        { minLength: 1, maxLength: 30 },
      ),
    }),
  )
  .map(({ n, seats, groups }): Election => ({
    candidates: Array.from({ length: n }, (_, i) => `C${i + 1}`),
    seats,
    withdrawn: [],
    groups: groups.map((g) => ({ ranking: Int32Array.from(g.ranking), count: g.count })),
    ballots: groups.reduce((a, g) => a + g.count, 0),
    title: 't',
  }));

describe('Scottish STV invariants', () => {
  test('fills every seat with distinct candidates, and no vote is created or destroyed', () => {
    fc.assert(
      fc.property(electionArb, fc.nat(), (e, seed) => {
        const r = countStv(e, seed);
        expect(r.elected).toHaveLength(e.seats);
        expect(new Set(r.elected).size).toBe(e.seats);
        for (const s of r.stages) {
          const total = Object.values(s.votes).reduce((a, v) => a + Math.round(v * 1e5), 0) + Math.round(s.exhausted * 1e5) + Math.round(s.loss! * 1e5);
          expect(total).toBe(e.ballots * 1e5);
        }
      }),
    );
  });

  test('the same seed gives the same count (draws by lot are repeatable)', () => {
    fc.assert(
      fc.property(electionArb, fc.nat(), (e, seed) => {
        expect(countStv(e, seed)).toEqual(countStv(e, seed));
      }),
    );
  });

  test('a candidate with a quota of first preferences is elected', () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        const r = countStv(e);
        for (const [name, v] of Object.entries(r.stages[0]!.votes)) if (v >= r.quota) expect(r.elected).toContain(name);
      }),
    );
  });

  test('ties are broken by earlier stages, then by a recorded lot', () => {
    // two candidates with identical support: the exclusion is a draw by lot, recorded with its seed
    const e: Election = { candidates: ['A', 'B', 'C'], seats: 1, withdrawn: [], ballots: 12, title: '',
      groups: [{ ranking: Int32Array.from([0]), count: 6 }, { ranking: Int32Array.from([1, 0]), count: 3 }, { ranking: Int32Array.from([2, 0]), count: 3 }] };
    const r = countStv(e, 42);
    expect(r.tieBreaks).toEqual([expect.objectContaining({ reason: 'exclusion', tied: ['B', 'C'], by: 'lot' })]);
    expect(r.elected).toEqual(['A']);
  });
});

test('mulDivFloor is exact when the product passes 2^53 (value × surplus ÷ total, surplus ≤ total)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 1e14 }), fc.double({ min: 0, max: 1, noNaN: true }), (a, c, f) => {
      const b = Math.floor(c * f);
      expect(BigInt(mulDivFloor(a, b, c))).toBe((BigInt(a) * BigInt(b)) / BigInt(c));
    }),
  );
});

import type { CountResult, Election, Stage, TieBreak } from './ballots.js';
import { breakTie, seededRandom } from './ties.js';
import { requireSingleSeat } from './simple.js';

/**
 * Instant-runoff (alternative vote), one seat: each paper counts for its highest-ranked
 * continuing candidate; a candidate with a majority of the continuing papers
 * (floor(continuing / 2) + 1) wins, else the one with fewest votes is excluded and
 * their papers move on. Exclusion ties: the most recent stage at which the tied
 * candidates differed, then a recorded draw by lot.
 */
export function countIrv(e: Election, seed = 0): CountResult {
  requireSingleSeat(e, 'instant-runoff');
  const n = e.candidates.length;
  const names = e.candidates;
  const continuing = new Array<boolean>(n).fill(true);
  for (const w of e.withdrawn) continuing[w] = false;
  const draw = seededRandom(seed);
  const tieBreaks: TieBreak[] = [];
  const stages: Stage[] = [];
  const history: number[][] = [];
  let previous = new Array<number>(n).fill(0);
  let valid = 0;
  let action: Stage['action'] = { type: 'first' };
  let excluded: string[] = [];
  for (;;) {
    const votes = new Array<number>(n).fill(0);
    let live = 0;
    for (const g of e.groups) {
      let top = -1;
      for (let k = 0; k < g.ranking.length; k++)
        if (continuing[g.ranking[k]!]) {
          top = g.ranking[k]!;
          break;
        }
      if (top < 0) continue;
      votes[top]! += g.count;
      live += g.count;
    }
    if (stages.length === 0) valid = live;
    const quota = Math.floor(live / 2) + 1;
    const alive = names.map((_, c) => c).filter((c) => continuing[c]);
    const leader = alive.find((c) => votes[c]! >= quota) ?? (alive.length === 1 ? alive[0] : undefined);
    const stage = stages.length + 1;
    stages.push({
      stage,
      action,
      votes: Object.fromEntries(names.map((name, c) => [name, votes[c]!])),
      transfers: Object.fromEntries(names.map((name, c) => [name, votes[c]! - previous[c]!])),
      exhausted: valid - live,
      quota,
      elected: leader === undefined ? [] : [names[leader]!],
      excluded,
    });
    if (leader !== undefined || alive.length === 0)
      return {
        method: 'irv',
        seats: 1,
        ballots: valid,
        quota: stages[0]!.quota,
        candidates: [...names],
        elected: leader === undefined ? [] : [names[leader]!],
        stages,
        tieBreaks,
        seed,
        rule: 'Instant-runoff: a majority of continuing papers wins; else the fewest votes are excluded',
      };
    const low = Math.min(...alive.map((c) => votes[c]!));
    const out = breakTie(alive.filter((c) => votes[c] === low), 'lowest', history, names, draw, tieBreaks, stage + 1, 'exclusion');
    history.push(votes);
    continuing[out] = false;
    previous = votes;
    action = { type: 'exclusion', candidate: names[out]! };
    excluded = [names[out]!];
  }
}

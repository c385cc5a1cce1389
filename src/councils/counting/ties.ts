import type { TieBreak } from './ballots.js';

export { seededRandom } from '../../core/seeded.js';

/**
 * Breaks a tie between candidates (Scottish rules 49(2)–(3) and 51(2)): look back to the
 * most recent earlier stage at which their votes differed and take the one with the
 * most (`highest`) or fewest (`lowest`) votes there; if they were equal at every stage,
 * draw by lot with the seeded generator. The decision is recorded in `log`.
 */
export function breakTie(
  tied: readonly number[],
  direction: 'highest' | 'lowest',
  history: readonly (readonly number[])[],
  names: readonly string[],
  draw: () => number,
  log: TieBreak[],
  stage: number,
  reason: string,
): number {
  if (tied.length === 1) return tied[0]!;
  const pick = (c: number, by: TieBreak['by']) => {
    log.push({ stage, reason, tied: tied.map((t) => names[t]!), chosen: names[c]!, by });
    return c;
  };
  for (let s = history.length - 1; s >= 0; s--) {
    const votes = history[s]!;
    const extreme = direction === 'highest' ? Math.max(...tied.map((c) => votes[c]!)) : Math.min(...tied.map((c) => votes[c]!));
    const at = tied.filter((c) => votes[c] === extreme);
    if (at.length === 1) return pick(at[0]!, 'earlier-stage');
  }
  return pick(tied[Math.floor(draw() * tied.length)]!, 'lot');
}

import type { TieBreak } from './ballots.js';

/** A small deterministic generator (mulberry32): draws by lot repeat from the seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

import type { CountResult, Election, Stage, TieBreak } from './ballots.js';
import { seededRandom } from './ties.js';

/**
 * The Schulze method (Schulze 2011, "winning votes"): d[i][j] counts the papers that
 * rank i above j (a ranked candidate is above every unranked one; unranked ones are
 * equal). The strength of the strongest path from i to j is found with the widest-path
 * Floyd–Warshall; i is ahead of j when p[i][j] > p[j][i]. The ranking is taken by
 * repeatedly removing the candidates no remaining candidate is ahead of; several at
 * once are ordered by a recorded draw by lot. The first `seats` are elected.
 */
export function countSchulze(e: Election, seed = 0): CountResult {
  const n = e.candidates.length;
  const names = e.candidates;
  const active = names.map((_, c) => !e.withdrawn.includes(c));
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let valid = 0;
  const ranked = new Uint8Array(n);
  for (const g of e.groups) {
    const r = [...g.ranking].filter((c) => active[c]);
    if (r.length === 0) continue;
    valid += g.count;
    ranked.fill(0);
    for (let a = 0; a < r.length; a++) {
      const ca = r[a]!;
      ranked[ca] = 1;
      for (let b = a + 1; b < r.length; b++) d[ca]![r[b]!]! += g.count;
    }
    for (const ca of r) for (let cb = 0; cb < n; cb++) if (!ranked[cb] && active[cb]) d[ca]![cb]! += g.count;
  }
  const p = d.map((row, i) => row.map((v, j) => (i !== j && v > d[j]![i]! ? v : 0)));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (i !== j)
        for (let k = 0; k < n; k++)
          if (k !== i && k !== j) p[j]![k] = Math.max(p[j]![k]!, Math.min(p[j]![i]!, p[i]![k]!));

  const tieBreaks: TieBreak[] = [];
  const draw = seededRandom(seed);
  const rest = names.map((_, c) => c).filter((c) => active[c]);
  const order: number[] = [];
  while (rest.length) {
    const top = rest.filter((i) => rest.every((j) => j === i || p[i]![j]! >= p[j]![i]!));
    const tier = top.length ? top : [...rest]; // (cannot happen: the Schulze relation is transitive)
    while (tier.length) {
      const k = tier.length === 1 ? 0 : Math.floor(draw() * tier.length);
      if (tier.length > 1) tieBreaks.push({ stage: 1, reason: 'equal Schulze rank', tied: tier.map((c) => names[c]!), chosen: names[tier[k]!]!, by: 'lot' });
      const c = tier.splice(k, 1)[0]!;
      order.push(c);
      rest.splice(rest.indexOf(c), 1);
    }
  }
  const wins = names.map((_, i) => names.filter((__, j) => j !== i && p[i]![j]! > p[j]![i]!).length);
  const elected = order.slice(0, e.seats).map((c) => names[c]!);
  const stage: Stage = {
    stage: 1,
    action: { type: 'pairwise' },
    votes: Object.fromEntries(names.map((name, c) => [name, wins[c]!])),
    transfers: Object.fromEntries(names.map((name) => [name, 0])),
    exhausted: e.ballots - valid,
    quota: 0,
    elected,
    excluded: [],
    pairwise: d,
    paths: p,
  };
  return { method: 'schulze', seats: e.seats, ballots: valid, quota: 0, candidates: [...names], elected, stages: [stage], tieBreaks, seed, rule: 'Schulze (winning votes); votes = candidates beaten by strongest path' };
}

import type { CountResult, Election, Stage, TieBreak } from './ballots.js';
import { CountError } from './ballots.js';
import { seededRandom } from './ties.js';

/**
 * Single-stage methods over BLT ballots: plurality (first preferences) and approval
 * (every candidate a paper ranks counts as approved). The `seats` candidates with most
 * votes are elected; ties at the cut are drawn by lot from the seed and recorded.
 */
export function countPlurality(e: Election, seed = 0): CountResult {
  return countSimple(e, seed, 'plurality', (g, add) => {
    const first = [...g.ranking].find((c) => !e.withdrawn.includes(c));
    if (first !== undefined) add(first);
  });
}

export function countApproval(e: Election, seed = 0): CountResult {
  return countSimple(e, seed, 'approval', (g, add) => {
    for (const c of g.ranking) if (!e.withdrawn.includes(c)) add(c);
  });
}

function countSimple(
  e: Election,
  seed: number,
  method: 'plurality' | 'approval',
  marks: (g: Election['groups'][number], add: (c: number) => void) => void,
): CountResult {
  const n = e.candidates.length;
  const votes = new Array<number>(n).fill(0);
  let valid = 0;
  for (const g of e.groups) {
    let any = false;
    marks(g, (c) => {
      votes[c]! += g.count;
      any = true;
    });
    if (any) valid += g.count;
  }
  const draw = seededRandom(seed);
  const tieBreaks: TieBreak[] = [];
  const order = rankWithLot(votes, e.candidates, draw, tieBreaks, e.withdrawn);
  const elected = order.slice(0, e.seats).map((c) => e.candidates[c]!);
  const record = (f: (c: number) => number) => Object.fromEntries(e.candidates.map((name, c) => [name, f(c)]));
  const stage: Stage = {
    stage: 1,
    action: { type: 'count' },
    votes: record((c) => votes[c]!),
    transfers: record((c) => votes[c]!),
    exhausted: e.ballots - valid,
    quota: 0,
    elected,
    excluded: [],
  };
  return {
    method,
    seats: e.seats,
    ballots: valid,
    quota: 0,
    candidates: [...e.candidates],
    elected,
    stages: [stage],
    tieBreaks,
    seed,
    rule: method === 'plurality' ? 'Plurality: most first preferences win' : 'Approval: most approvals win (a ranked candidate is approved)',
  };
}

/** Candidates by votes, most first; equal votes ordered by a recorded draw by lot. */
export function rankWithLot(votes: readonly number[], names: readonly string[], draw: () => number, log: TieBreak[], skip: readonly number[] = []): number[] {
  const rest = names.map((_, c) => c).filter((c) => !skip.includes(c));
  const order: number[] = [];
  while (rest.length) {
    const top = Math.max(...rest.map((c) => votes[c]!));
    const tied = rest.filter((c) => votes[c] === top);
    while (tied.length) {
      const k = tied.length === 1 ? 0 : Math.floor(draw() * tied.length);
      if (tied.length > 1) log.push({ stage: 1, reason: 'equal votes', tied: tied.map((c) => names[c]!), chosen: names[tied[k]!]!, by: 'lot' });
      const c = tied.splice(k, 1)[0]!;
      order.push(c);
      rest.splice(rest.indexOf(c), 1);
    }
  }
  return order;
}

export function requireSingleSeat(e: Election, method: string): void {
  if (e.seats !== 1) throw new CountError(0, `${method} elects one seat, but ${e.seats} were asked; use --method stv for several seats`);
}

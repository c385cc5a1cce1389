import type { CountResult, Election, Stage, TieBreak } from './ballots.js';
import { breakTie, seededRandom } from './ties.js';

/**
 * Scottish STV: The Scottish Local Government Elections Order 2007 (SSI 2007/42),
 * counting rules 45–52, as written:
 *  - 46: quota = floor(valid papers / (seats + 1)) + 1;
 *  - 47: a candidate whose votes equal or exceed the quota is elected;
 *  - 48: a surplus is transferred by moving *all* the elected candidate's papers to
 *    their next continuing preference, each at value × surplus ÷ total votes,
 *    truncated to 5 decimal places (weighted inclusive Gregory);
 *  - 49: the largest surplus first; equal surpluses by the most recent stage at which
 *    the candidates differed, then by lot;
 *  - 50–51: when no surplus is left, the candidate with fewest votes is excluded and
 *    all their papers move at their current value; ties as in 49, lowest first;
 *  - 52: when the continuing candidates are as many as the vacancies, they are elected.
 *
 * Exact fixed-point arithmetic: every value is an integer number of 1/100,000 votes.
 * Pure: the seed for draws by lot is a parameter, and every draw is recorded.
 */
export const UNIT = 100_000;

type Status = 'hopeful' | 'elected' | 'excluded' | 'withdrawn';

/** floor(a × b ÷ c) exactly, for non-negative integers. */
export function mulDivFloor(a: number, b: number, c: number): number {
  const p = a * b;
  if (Number.isSafeInteger(p)) return Math.floor(p / c); // exact: see docs/formats.md (error < 1/c ≤ gap)
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

export function countStv(e: Election, seed = 0): CountResult {
  const n = e.candidates.length;
  const names = e.candidates;
  const draw = seededRandom(seed);
  const tieBreaks: TieBreak[] = [];
  const status: Status[] = Array.from({ length: n }, (_, c) => (e.withdrawn.includes(c) ? 'withdrawn' : 'hopeful'));
  const continuing = Uint8Array.from(status, (s) => (s === 'hopeful' ? 1 : 0));
  const votes = new Array<number>(n).fill(0);
  // Papers of one group share a ranking, so every transfer moves them together: each
  // group has one holder position and one value per paper at any time.
  const G = e.groups.length;
  const pos = new Int32Array(G);
  const value = new Float64Array(G); // whole numbers of 1/UNIT votes
  const parcels: number[][] = Array.from({ length: n }, () => []); // groups held by each candidate
  const pending = new Set<number>(); // elected, surplus not yet transferred
  const elected: string[] = [];
  const stages: Stage[] = [];
  const history: number[][] = []; // votes of each candidate at the end of each stage
  let exhausted = 0;
  let loss = 0;
  let seatsLeft = e.seats;

  const nextContinuing = (group: number, from: number): number => {
    const r = e.groups[group]!.ranking;
    for (let p = from; p < r.length; p++) if (continuing[r[p]!]) return p;
    return -1;
  };

  // Rule 45: first preferences (withdrawn candidates skipped).
  let valid = 0;
  e.groups.forEach((g, group) => {
    const at = nextContinuing(group, 0);
    if (at < 0) return;
    const c = g.ranking[at]!;
    pos[group] = at;
    value[group] = UNIT;
    parcels[c]!.push(group);
    votes[c]! += g.count * UNIT;
    valid += g.count;
  });
  const quota = (Math.floor(valid / (e.seats + 1)) + 1) * UNIT; // rule 46

  const hopefuls = () => status.flatMap((s, c) => (s === 'hopeful' ? [c] : []));
  const complete = () => seatsLeft <= 0 || hopefuls().length <= seatsLeft;

  const electReaching = (stage: number): string[] => {
    // rule 47; several in one stage are taken in order of votes (ties as rule 49)
    const reached = hopefuls().filter((c) => votes[c]! >= quota);
    const order: number[] = [];
    while (reached.length) {
      const top = Math.max(...reached.map((c) => votes[c]!));
      const c = breakTie(reached.filter((x) => votes[x] === top), 'highest', history, names, draw, tieBreaks, stage, 'order of election');
      reached.splice(reached.indexOf(c), 1);
      order.push(c);
    }
    for (const c of order.slice(0, seatsLeft)) {
      status[c] = 'elected';
      continuing[c] = 0;
      if (votes[c]! > quota) pending.add(c);
      elected.push(names[c]!);
      seatsLeft--;
    }
    return order.map((c) => names[c]!);
  };

  const record = (action: Stage['action'], before: number[], newlyElected: string[], excluded: string[]) => {
    const stage = stages.length + 1;
    const v: Record<string, number> = {};
    const t: Record<string, number> = {};
    names.forEach((name, c) => {
      v[name] = votes[c]! / UNIT;
      t[name] = (votes[c]! - before[c]!) / UNIT;
    });
    stages.push({ stage, action, votes: v, transfers: t, exhausted: exhausted / UNIT, loss: loss / UNIT, quota: quota / UNIT, elected: newlyElected, excluded });
    history.push([...votes]);
  };

  /** Moves every paper of `from` to its next continuing preference; with a surplus, each
   *  paper's value becomes floor(value × surplus ÷ total) (computed once per distinct value). */
  const transferAll = (from: number, surplus?: { surplus: number; total: number }): number => {
    let moved = 0;
    let lastIn = -1;
    let lastOut = -1;
    for (const group of parcels[from]!) {
      const g = e.groups[group]!;
      let v = value[group]!;
      if (surplus) {
        if (v !== lastIn) {
          lastIn = v;
          lastOut = mulDivFloor(v, surplus.surplus, surplus.total);
        }
        v = lastOut;
        value[group] = v;
      }
      const at = nextContinuing(group, pos[group]! + 1);
      if (at < 0) exhausted += g.count * v;
      else {
        const to = g.ranking[at]!;
        pos[group] = at;
        parcels[to]!.push(group);
        votes[to]! += g.count * v;
      }
      moved += g.count * v;
    }
    parcels[from] = [];
    return moved;
  };

  record({ type: 'first' }, new Array<number>(n).fill(0), electReaching(1), []);

  while (!complete()) {
    const before = [...votes];
    const stage = stages.length + 1;
    // rules 48–49: the largest surplus first
    const surplusOf = [...pending].filter((c) => votes[c]! > quota);
    pending.clear();
    for (const c of surplusOf) pending.add(c);
    if (pending.size) {
      const top = Math.max(...[...pending].map((c) => votes[c]!));
      const c = breakTie([...pending].filter((x) => votes[x] === top), 'highest', history, names, draw, tieBreaks, stage, 'largest surplus');
      pending.delete(c);
      const total = votes[c]!;
      const surplus = total - quota;
      const moved = transferAll(c, { surplus, total });
      votes[c] = quota;
      loss += surplus - moved; // what truncation to 5 decimals left behind
      record({ type: 'surplus', candidate: names[c]! }, before, electReaching(stage), []);
      continue;
    }
    // rules 50–51: exclude the candidate with fewest votes
    const hs = hopefuls();
    const low = Math.min(...hs.map((c) => votes[c]!));
    const c = breakTie(hs.filter((x) => votes[x] === low), 'lowest', history, names, draw, tieBreaks, stage, 'exclusion');
    status[c] = 'excluded';
    continuing[c] = 0;
    transferAll(c);
    votes[c] = 0;
    record({ type: 'exclusion', candidate: names[c]! }, before, electReaching(stage), [names[c]!]);
  }

  // Rule 52: the continuing candidates fill the last vacancies, in order of votes.
  const last = stages[stages.length - 1]!;
  const rest = hopefuls().sort((a, b) => votes[b]! - votes[a]!);
  for (const c of rest.slice(0, Math.max(0, seatsLeft))) {
    status[c] = 'elected';
    elected.push(names[c]!);
    last.elected.push(names[c]!);
  }
  return {
    method: 'stv',
    seats: e.seats,
    ballots: valid,
    quota: quota / UNIT,
    candidates: [...names],
    elected,
    stages,
    tieBreaks,
    seed,
    rule: 'Scottish STV (SSI 2007/42 rules 45–52): Droop quota, weighted inclusive Gregory surplus transfers truncated to 5 decimals',
  };
}

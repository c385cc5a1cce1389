/**
 * Ranked ballots, grouped: identical rankings are counted once with a multiplicity, so
 * a national vote of millions of papers is counted over its distinct rankings.
 */
export interface BallotGroup {
  /** Candidate indexes (0-based) in order of preference; no repeats. */
  ranking: Int32Array;
  /** How many papers carry this ranking. */
  count: number;
}

export interface Election {
  candidates: string[];
  seats: number;
  /** Withdrawn candidates (indexes): skipped on every paper. */
  withdrawn: number[];
  groups: BallotGroup[];
  /** Number of valid papers (Σ count). */
  ballots: number;
  title: string;
}

export class CountError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `line ${line}: ${reason}` : reason);
  }
}

export type Method = 'stv' | 'irv' | 'plurality' | 'approval' | 'schulze';
export const METHODS: readonly Method[] = ['stv', 'irv', 'plurality', 'approval', 'schulze'];

export interface Stage {
  stage: number;
  /** What this stage did: the first count, a surplus transfer, an exclusion, … */
  action: { type: 'first' | 'surplus' | 'exclusion' | 'count' | 'pairwise'; candidate?: string };
  /** Votes of every candidate at the end of the stage. */
  votes: Record<string, number>;
  /** Change of every candidate's votes in this stage (negative for the one transferred from). */
  transfers: Record<string, number>;
  /** Non-transferable (exhausted) votes, cumulative, at the end of the stage. */
  exhausted: number;
  /** Votes lost to truncation of transfer values, cumulative. */
  loss?: number;
  quota: number;
  elected: string[];
  excluded: string[];
  /** Schulze only: d[i][j], papers preferring candidate i to j; and strongest paths p[i][j]. */
  pairwise?: number[][];
  paths?: number[][];
}

export interface TieBreak {
  stage: number;
  reason: string;
  tied: string[];
  chosen: string;
  /** 'earlier-stage' (the most recent stage where they differed) or 'lot' (seeded draw). */
  by: 'earlier-stage' | 'lot';
}

export interface CountResult {
  method: Method;
  seats: number;
  ballots: number;
  quota: number;
  candidates: string[];
  /** Elected candidates in order of election. */
  elected: string[];
  stages: Stage[];
  tieBreaks: TieBreak[];
  /** The seed of any draw by lot (recorded so the count can be repeated). */
  seed: number;
  /** Rule notes (e.g. "Scottish STV, SSI 2007/42 rules 45–52"). */
  rule: string;
}

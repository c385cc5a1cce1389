/** The councils part of the Cordón API: bodies, delegations, recall and elections. */
import { ApiError, request } from '../api.js';

export const BODY_KINDS = [
  'workplace', 'neighbourhood', 'supply_committee', 'peasant', 'soldiers', 'union',
  'cordon', 'regional', 'national_assembly', 'custom',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const METHODS = ['stv', 'irv', 'plurality', 'approval', 'schulze'] as const;
export type Method = (typeof METHODS)[number];

export interface BodySummary {
  id: string;
  kind: BodyKind;
  name: string;
  parentId: string | null;
  createdAt: string;
  /** Members of a base body's own membership (delegates sitting in a higher body are not counted here). */
  members: number;
}

export interface Member {
  personId: string;
  displayName: string;
  since: string;
  offices: string[];
}

export interface BodyDetail extends Omit<BodySummary, 'members'> {
  members: Member[];
}

export interface Seat {
  seatId: string;
  number: number;
  /** The parent body the seat sits in. */
  bodyId: string;
  holder: { personId: string; displayName: string; since: string } | null;
  withdrawals: number;
}

export interface Delegation {
  /** Members of the constituency, delegates sitting in it included. */
  members: number;
  recallThreshold: number;
  seats: Seat[];
}

export interface RecallOutcome {
  withdrawals: number;
  threshold: number;
  /** The recalled seat first, then those lost in the cascade up. */
  vacated: { seatId: string; bodyId: string }[];
  byElections: string[];
}

export type ElectionStatus = 'nominating' | 'open' | 'counted';

export interface ElectionSummary {
  id: string;
  status: ElectionStatus;
  method: Method;
  opensAt: string | null;
  closesAt: string | null;
  seatIds: string[];
}

export interface Election extends ElectionSummary {
  constituencyId: string;
  candidates: { personId: string; displayName: string }[];
  elected: string[] | null;
}

const id = encodeURIComponent;

export const listBodies = (signal?: AbortSignal) => request<BodySummary[]>('GET', '/bodies', undefined, { signal });
export const listChildren = (parentId: string, signal?: AbortSignal) =>
  request<BodySummary[]>('GET', `/bodies?parentId=${id(parentId)}`, undefined, { signal });
export const getBody = (bodyId: string, signal?: AbortSignal) => request<BodyDetail>('GET', `/bodies/${id(bodyId)}`, undefined, { signal });
export const getDelegation = (bodyId: string, signal?: AbortSignal) =>
  request<Delegation>('GET', `/bodies/${id(bodyId)}/delegation`, undefined, { signal });

/** A body's elections, newest first. Servers from before this list existed answer 404:
 *  then there is nothing to show, which is not an error. */
export async function listElections(bodyId: string, signal?: AbortSignal): Promise<ElectionSummary[]> {
  try {
    return await request<ElectionSummary[]>('GET', `/bodies/${id(bodyId)}/elections`, undefined, { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return [];
    throw error;
  }
}

export const withdrawConfidence = (seatId: string) => request<RecallOutcome>('POST', `/seats/${id(seatId)}/withdraw-confidence`, {});
export const restoreConfidence = (seatId: string) => request<{ withdrawals: number }>('POST', `/seats/${id(seatId)}/restore-confidence`, {});

export const getElection = (electionId: string, signal?: AbortSignal) =>
  request<Election>('GET', `/elections/${id(electionId)}`, undefined, { signal });
export const standForElection = (electionId: string) => request<Election>('POST', `/elections/${id(electionId)}/candidates`, {});
export const openVoting = (electionId: string) => request<Election>('POST', `/elections/${id(electionId)}/open`, {});
export const countVotes = (electionId: string) => request<{ elected: string[] }>('POST', `/elections/${id(electionId)}/count`, {});
export const castBallot = (electionId: string, ranking: readonly string[]) =>
  request<{ receipt: string }>('POST', `/elections/${id(electionId)}/ballots`, { ranking });
export const checkReceipt = (electionId: string, receipt: string) =>
  request<{ ranking: string[] }>('GET', `/elections/${id(electionId)}/receipts/${id(receipt)}`);
export const publishedBallots = (electionId: string, signal?: AbortSignal) =>
  request<{ receiptHash: string; ranking: string[] }[]>('GET', `/elections/${id(electionId)}/ballots`, undefined, { signal });

// ---------- motions ----------

export type MotionKind = 'choice' | 'ranking';
export type MotionBase = 'cast' | 'members';

export interface ChoiceResult {
  /** Hundredths of a vote per option. */
  weights: number[];
  cast: number;
  entitled: number;
  quorate: boolean;
  adopted: number | null;
  needed: number;
}

export interface RankingResult {
  /** Option names, first to last (Schulze). */
  order: string[];
  cast: number;
  entitled: number;
  quorate: boolean;
  adopted: number | null;
}

export interface RollCallEntry {
  personId: string;
  displayName: string;
  /** Hundredths of a vote. */
  weight: number;
  choice: number | null;
}

/** An amendment as its motion lists it: a motion of its own proposing a new text. */
export interface Amendment {
  id: string;
  title: string;
  /** The complete new text it proposes. */
  text: string;
  status: 'open' | 'closed';
  closesAt: string;
  /** When it was adopted and its text replaced the motion's; null until then (or never). */
  appliedAt: string | null;
  /** The motion's text it replaced, once applied. */
  replacedText: string | null;
}

export interface Motion {
  id: string;
  bodyId: string;
  title: string;
  text: string;
  options: string[];
  kind: MotionKind;
  base: MotionBase;
  /** The share the leading option must exceed. */
  threshold: number;
  quorum: number;
  secret: boolean;
  opensAt: string;
  closesAt: string;
  status: 'open' | 'closed';
  forwardedFrom: string | null;
  /** The motion this one amends (an amendment's own page). */
  amends: string | null;
  /** A motion electing a member to an office (it cannot be amended). */
  grantsOffice?: { title: string; personId: string } | null;
  result: ChoiceResult | RankingResult | null;
  rollCall?: RollCallEntry[];
  /** Its amendments, oldest first (`GET /motions/:id` only). */
  amendments?: Amendment[];
}

export interface NewMotion {
  title: string;
  text: string;
  options?: string[];
  kind?: MotionKind;
  base?: MotionBase;
  threshold?: number;
  quorum?: number;
  /** Left out: the body's charter decides (base members in secret, delegates by name). */
  secret?: boolean;
  days?: number;
  /** An amendment: the open motion of the same body whose text it replaces if adopted. */
  amends?: string;
}

export interface VoteOutcome {
  receipt?: string;
  breach?: boolean;
  recalled?: boolean;
}

/** A body's motions, newest first; a server without motions answers 404: none to show. */
export async function listMotions(bodyId: string, signal?: AbortSignal): Promise<Motion[]> {
  try {
    return await request<Motion[]>('GET', `/bodies/${id(bodyId)}/motions`, undefined, { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return [];
    throw error;
  }
}
export const getMotion = (motionId: string, signal?: AbortSignal) => request<Motion>('GET', `/motions/${id(motionId)}`, undefined, { signal });
export const proposeMotion = (bodyId: string, motion: NewMotion) => request<Motion>('POST', `/bodies/${id(bodyId)}/motions`, motion);
export const voteOnMotion = (motionId: string, vote: { choice: number } | { ranking: number[] }) =>
  request<VoteOutcome>('POST', `/motions/${id(motionId)}/votes`, vote);
export const closeMotion = (motionId: string) => request<Motion>('POST', `/motions/${id(motionId)}/close`, {});
export const forwardMotion = (motionId: string) => request<Motion>('POST', `/motions/${id(motionId)}/forward`, {});
export const mandateDelegates = (baseBodyId: string, motionId: string, choice: number) =>
  request<{ id: string }>('POST', `/bodies/${id(baseBodyId)}/mandates`, { motionId, choice });

// ---------- calling an election; the full count ----------

export interface NewElection {
  /** Members standing; none opens the election for nominations first. */
  candidates: string[];
  method: Method;
  days: number;
}

export const callElection = (bodyId: string, election: NewElection) =>
  request<Election>('POST', `/bodies/${id(bodyId)}/elections`, election);

export type StageActionType = 'first' | 'surplus' | 'exclusion' | 'count' | 'pairwise';

export interface CountStage {
  stage: number;
  action: { type: StageActionType; candidate?: string };
  /** Votes of every candidate (person id) at the end of the stage. */
  votes: Record<string, number>;
  transfers: Record<string, number>;
  /** Non-transferable votes, cumulative. */
  exhausted: number;
  /** Votes lost to truncation of transfer values, cumulative. */
  loss?: number;
  quota: number;
  elected: string[];
  excluded: string[];
}

export interface TieBreak {
  stage: number;
  reason: string;
  tied: string[];
  chosen: string;
  by: 'earlier-stage' | 'lot';
}

/** The stage-by-stage count of a counted election (`cordon count --json`, candidates as person ids). */
export interface CountResult {
  method: Method;
  seats: number;
  ballots: number;
  quota: number;
  candidates: string[];
  elected: string[];
  stages: CountStage[];
  tieBreaks: TieBreak[];
  seed: number;
  rule: string;
}

export const getElectionResult = (electionId: string, signal?: AbortSignal) =>
  request<CountResult>('GET', `/elections/${id(electionId)}/result`, undefined, { signal });

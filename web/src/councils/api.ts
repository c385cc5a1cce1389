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

/**
 * The pure part of a district's delivery screen: reading the quantity typed, the shares
 * as a table (each committee's share as a part of its need, with totals), and when a
 * retry may carry the same idempotency key.
 */
import type { ApiError } from '../api.js';
import type { CommitteeShare, DistrictDelivery, DistrictDeliveryInput } from './api.js';

/** The most the server takes in one delivery (src/supply/district.ts). */
export const MAX_DELIVERY = 1_000_000_000_000;

export type QuantityReading = { quantity: number } | { problem: 'empty' | 'whole' | 'tooLarge' };

/** A quantity as typed: whole units ≥ 1, digits only (a separator is refused rather than
 *  guessed, since `1.000` is a thousand in Spanish and one in English). */
export function readQuantity(text: string): QuantityReading {
  const typed = text.trim();
  if (!typed) return { problem: 'empty' };
  if (!/^\d+$/.test(typed)) return { problem: 'whole' };
  const quantity = Number(typed);
  if (quantity < 1) return { problem: 'whole' };
  if (quantity > MAX_DELIVERY) return { problem: 'tooLarge' };
  return { quantity };
}

export interface ShareRow extends CommitteeShare {
  /** share / need, in [0, 1]; null when the committee needs nothing. */
  ofNeed: number | null;
  /** need − share. */
  unmet: number;
}

export interface SharesTable {
  rows: ShareRow[];
  households: number;
  need: number;
  delivered: number;
  undistributed: number;
  /** Σ need − delivered: what the delivery could not cover. */
  unmet: number;
}

/** The delivery's shares by committee name (as people look for them), with the totals. */
export function sharesTable(delivery: Pick<DistrictDelivery, 'committees' | 'delivered' | 'undistributed'>, locale: string): SharesTable {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const rows = delivery.committees
    .map((c) => ({ ...c, ofNeed: c.need > 0 ? Math.min(1, c.share / c.need) : null, unmet: Math.max(0, c.need - c.share) }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.committeeId.localeCompare(b.committeeId));
  const sum = (f: (r: ShareRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  return {
    rows,
    households: sum((r) => r.households),
    need: sum((r) => r.need),
    delivered: delivery.delivered,
    undistributed: delivery.undistributed,
    unmet: sum((r) => r.unmet),
  };
}

/** A whole percentage for the words beside a bar; never 100 while something is unmet, never 0 for a share > 0. */
export function percentOf(fraction: number): number {
  const p = Math.round(100 * fraction);
  if (p === 100 && fraction < 1) return 99;
  if (p === 0 && fraction > 0) return 1;
  return p;
}

/** An attempt to record a delivery: what was sent, under which key. */
export interface Attempt {
  key: string;
  body: string;
}

/**
 * The key to send `input` under. The key of an attempt whose outcome is not known (no
 * answer, or the server still busy with it) is kept for the same input, so a retry cannot
 * deliver twice; changed input gets a new key (the server refuses a key reused for a
 * different request).
 */
export function attemptFor(pending: Attempt | null, input: DistrictDeliveryInput, newKey: () => string): Attempt {
  const body = JSON.stringify(input, Object.keys(input).sort());
  return pending && pending.body === body ? pending : { key: newKey(), body };
}

/** Whether a failed attempt's outcome is still unknown, so its key must be kept for the retry:
 *  no answer, a server error (the server forgets the key), or the first request still running. */
export function outcomeUnknown(error: Pick<ApiError, 'status' | 'code'>): boolean {
  return error.status === 0 || error.status >= 500 || error.code === 'idempotency_in_progress' || error.code === 'idempotency_retry';
}

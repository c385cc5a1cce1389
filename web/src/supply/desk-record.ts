/**
 * Recording a pickup at the desk: sent at once when there is a connection; queued on
 * the device, with its id and the time, when there is none or the request cannot get
 * through (the queue sends it later, and the same id is never recorded twice).
 */
import { ApiError } from '../api.js';
import { recordPickup, type PickupLine, type PickupResult } from './api.js';
import { isOffline } from './connectivity.js';
import type { Desk } from './desk-setup.js';
import type { ShownHousehold } from './desk-lookup.js';
import { afterPickup } from './pickup-lines.js';
import { queuePickup, syncOutcome } from './pickup-sync.js';
import { newPickupId } from './queue.js';
import { updateSeenEntitlement } from './seen.js';

export type Recorded =
  | { kind: 'recorded'; result: PickupResult }
  | { kind: 'queued'; id: string }
  /** Neither sent nor kept: the device cannot keep a queue. */
  | { kind: 'unqueued' }
  /** The server said no, for a reason the officer must see. */
  | { kind: 'refused'; error: ApiError }
  /** The server could not answer now (its error, a lapsed session). */
  | { kind: 'failed'; error: ApiError };

export async function recordAtDesk(desk: Desk, shown: ShownHousehold & { card: string }, point: string, lines: PickupLine[], personId: string): Promise<Recorded> {
  const pickup = { id: newPickupId(), card: shown.card, point, lines };
  const at = new Date().toISOString();
  const queue = async (): Promise<Recorded> => {
    try {
      await queuePickup({
        ...pickup, at, personId, committeeId: desk.committeeId, householdId: shown.household.id, periodId: desk.period?.id ?? '', ref: shown.household.ref, queuedAt: Date.now(),
      });
      return { kind: 'queued', id: pickup.id };
    } catch {
      return { kind: 'unqueued' };
    }
  };
  if (isOffline()) return queue();
  try {
    const result = await recordPickup(pickup);
    await updateSeenEntitlement(shown.card, (e) => afterPickup(e, result.lines)).catch(() => undefined);
    return { kind: 'recorded', result };
  } catch (error) {
    if (!(error instanceof ApiError)) return { kind: 'failed', error: new ApiError(0, {}) };
    // no answer: the server may or may not have it; the queue's retry with the same id settles which
    if (error.status === 0) return queue();
    return syncOutcome(error) === 'refused' ? { kind: 'refused', error } : { kind: 'failed', error };
  }
}

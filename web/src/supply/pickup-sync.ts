/**
 * Sends the queued pickups to the server, oldest first: when the connection comes back,
 * every little while, and right after one is queued. A pickup the server records (or had
 * recorded: a replay) leaves the queue; one it refuses moves to "needs attention" with
 * the reason; a failure that says nothing about the pickup (no network, the server
 * down, the session ended) stops the round, and the pickup waits for the next.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, hasCsrfToken } from '../api.js';
import { currentSession } from '../auth.js';
import { recordPickup } from './api.js';
import { isOffline, lastRequestFailed, onConnectivity } from './connectivity.js';
import { afterPickup } from './pickup-lines.js';
import { attentionItems, dismissAttention, enqueuePickup, pickupRefused, pickupSent, queuedPickups, type AttentionItem, type QueuedPickup } from './queue.js';
import { updateSeenEntitlement } from './seen.js';

/** Whether a failed send is the pickup's fault (refused: it needs attention) or the moment's (retry later). */
export function syncOutcome(error: ApiError): 'retry' | 'refused' {
  if (error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500) return 'retry';
  if (error.code === 'csrf') return 'retry';
  return 'refused';
}

export interface SyncState {
  queued: QueuedPickup[];
  attention: AttentionItem[];
  /** Goes up whenever a queued pickup reaches the server, so pages showing it look again. */
  sent: number;
  /** Why the queue could not be kept (no IndexedDB), if so. */
  broken: boolean;
}

let state: SyncState = { queued: [], attention: [], sent: 0, broken: false };
const listeners = new Set<(s: SyncState) => void>();
let running: Promise<void> | null = null;
let person: string | null = null;

function publish(next: Partial<SyncState>) {
  state = { ...state, ...next };
  for (const l of [...listeners]) l(state);
}

async function reread() {
  try {
    publish({ queued: await queuedPickups(), attention: await attentionItems(), broken: false });
  } catch {
    publish({ broken: true });
  }
}

async function sendRound(personId: string): Promise<void> {
  const mine = (await queuedPickups()).filter((p) => p.personId === personId);
  if (!mine.length) {
    // nothing to send: a cheap look at the server clears an "offline" a failed request left
    if (lastRequestFailed()) await currentSession().catch(() => null);
    return;
  }
  // a page opened offline has no CSRF token yet: the session gives it
  if (!hasCsrfToken() && !(await currentSession().catch(() => null))) return;
  for (const p of mine) {
    try {
      const recorded = await recordPickup({ id: p.id, card: p.card, point: p.point, lines: p.lines, at: p.at });
      await pickupSent(p.id);
      await updateSeenEntitlement(p.card, (lines) => afterPickup(lines, recorded.lines));
      await reread();
      publish({ sent: state.sent + 1 });
    } catch (error) {
      if (!(error instanceof ApiError) || syncOutcome(error) === 'retry') break;
      await pickupRefused(p, error, new Date());
    }
  }
}

/** One round of sending, unless one is running (then that one). */
export function syncNow(): Promise<void> {
  if (!person || (isOffline() && !lastRequestFailed())) return reread();
  const personId = person;
  running ??= sendRound(personId)
    .catch(() => undefined)
    .then(reread)
    .finally(() => (running = null));
  return running;
}

export async function queuePickup(pickup: QueuedPickup): Promise<void> {
  await enqueuePickup(pickup);
  await reread();
}

export async function dismiss(id: string): Promise<void> {
  await dismissAttention(id);
  await reread();
}

const EVERY_MS = 15_000;

/** Keeps the queue moving while `personId` is signed in. */
export function startPickupSync(personId: string): () => void {
  person = personId;
  void syncNow();
  const offConnectivity = onConnectivity((offline) => !offline && void syncNow());
  const online = () => void syncNow();
  window.addEventListener('online', online);
  const timer = window.setInterval(() => void syncNow(), EVERY_MS);
  return () => {
    person = null;
    offConnectivity();
    window.removeEventListener('online', online);
    window.clearInterval(timer);
  };
}

export function usePickupQueue(): SyncState {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    void reread();
    return () => void listeners.delete(setS);
  }, []);
  return s;
}

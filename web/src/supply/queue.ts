/**
 * Pickups made without a connection, kept in IndexedDB until the server has them. Each
 * keeps the id made for it here and the time it happened, so sending it again never
 * records it twice. One the server refuses is moved, whole, to the list of pickups that
 * need an officer's attention, with the reason; only the officer removes it from there.
 */
import type { FieldError } from '../api.js';
import type { PickupInput } from './api.js';
import { getAll, move, put, remove } from './idb.js';

export interface QueuedPickup extends PickupInput {
  at: string;
  /** Who recorded it: only their session sends it. */
  personId: string;
  committeeId: string;
  householdId: string;
  periodId: string;
  /** The household's reference, to name it in the lists. */
  ref: string;
  /** When it entered the queue (ms): the queue is sent oldest first. */
  queuedAt: number;
}

export interface AttentionItem extends QueuedPickup {
  refusedAt: string;
  /** The server's problem: its status, code, words and field errors. */
  status: number;
  code: string;
  detail: string;
  errors: FieldError[];
}

/** A random (version 4) UUID for a pickup; `crypto.randomUUID` is missing outside HTTPS. */
export function newPickupId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const oldestFirst = <T extends QueuedPickup>(items: T[]) => items.sort((a, b) => a.queuedAt - b.queuedAt || a.id.localeCompare(b.id));

export const queuedPickups = async (): Promise<QueuedPickup[]> => oldestFirst(await getAll<QueuedPickup>('queue'));
export const attentionItems = async (): Promise<AttentionItem[]> => oldestFirst(await getAll<AttentionItem>('attention'));

export const enqueuePickup = (pickup: QueuedPickup) => put('queue', pickup);

/** The server has it (recorded now, or before: a replay). */
export const pickupSent = (id: string) => remove('queue', id);

export function pickupRefused(pickup: QueuedPickup, refusal: { status: number; code: string; detail: string; errors: readonly FieldError[] }, now: Date) {
  const item: AttentionItem = { ...pickup, refusedAt: now.toISOString(), status: refusal.status, code: refusal.code, detail: refusal.detail, errors: [...refusal.errors] };
  return move('queue', pickup.id, 'attention', item);
}

/** The officer has dealt with a refused pickup. */
export const dismissAttention = (id: string) => remove('attention', id);

import type { Tx } from '../db/db.js';

/** The one LISTEN/NOTIFY channel for live updates; the server fans it out over SSE. */
export const EVENTS_CHANNEL = 'cordon_events';

export interface LiveEvent {
  topic: string;
  data: unknown;
}

/** Publishes a live event that is delivered when (and only if) `tx` commits.
 *  Payloads must stay small (PostgreSQL caps a notification at 8000 bytes): send ids,
 *  and let clients fetch details through the API, which checks their access. */
export async function publish(tx: Tx, topic: string, data: unknown): Promise<void> {
  await tx.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify({ topic, data } satisfies LiveEvent)]);
}

import type { Tx } from '../../db/db.js';
import { actorLabel } from '../actor.js';
import type { Ctx } from '../context.js';
import { canonicalJson } from './canonical.js';

export interface AuditEntry {
  action: string;
  subject: string;
  payload?: unknown;
}

/**
 * Appends an event to the audit log inside the caller's transaction, so the record of
 * a change commits or rolls back with the change itself. Cheap by design: one row,
 * written with the commit; hashing and ordering into the chain happen later in the sealer.
 * Secret-ballot callers pass `actor: 'anonymous'`-style payloads without the voter.
 */
export async function appendAudit(tx: Tx, ctx: Pick<Ctx, 'actor' | 'clock' | 'ids'>, entry: AuditEntry): Promise<void> {
  // Queued to travel with the commit: an audit event costs no round trip of its own.
  tx.beforeCommit({
    text: 'insert into audit_event (id, at, actor, action, subject, payload) values ($1, $2, $3, $4, $5, $6)',
    values: auditValues(ctx, entry),
  });
}

/** The column values of an audit event (id, at, actor, action, subject, payload), for a
 *  hot path that writes its event inside its own single statement. */
export function auditValues(ctx: Pick<Ctx, 'actor' | 'clock' | 'ids'>, entry: AuditEntry): [string, Date, string, string, string, string] {
  return [ctx.ids.uuid(), ctx.clock.now(), actorLabel(ctx.actor), entry.action, entry.subject, canonicalJson(entry.payload ?? {})];
}

/** Appends many events with one set-based insert (bulk paths). */
export async function appendAuditMany(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'ids'>,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = ctx.clock.now();
  const actor = actorLabel(ctx.actor);
  await tx.query(
    `insert into audit_event (id, at, actor, action, subject, payload)
     select u.id, $1, $2, u.action, u.subject, u.payload
     from unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) as u(id, action, subject, payload)`,
    [
      at,
      actor,
      entries.map(() => ctx.ids.uuid()),
      entries.map((e) => e.action),
      entries.map((e) => e.subject),
      entries.map((e) => canonicalJson(e.payload ?? {})),
    ],
  );
}

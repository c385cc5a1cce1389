import { anonymous } from '../core/actor.js';
import { appendAuditMany } from '../core/audit/index.js';
import type { Clock } from '../core/clock.js';
import type { IdSource } from '../core/ids.js';
import type { Db, Tx } from '../db/db.js';

/**
 * The ballot mixer (migration 0010). Voters' transactions hold their ballots; this moves
 * them into the counted tables in random order, at least `MIX_AT` of one vote at a time,
 * with their audit events — so neither a ballot's transaction id nor its audit event's
 * leads back to the transaction that marked its voter. A count or a close first moves
 * whatever is still held (`flushHeld`), however few.
 */
export const MIX_AT = 10;

type Kind = 'motion' | 'election';
const TABLES: Record<Kind, { held: string; final: string; key: string; columns: string; action: string }> = {
  motion: { held: 'motion_ballot_held', final: 'motion_ballot', key: 'motion_id', columns: 'id, motion_id, weight, choice, ranking, receipt_hash', action: 'motion.ballot' },
  election: { held: 'election_ballot_held', final: 'election_ballot', key: 'election_id', columns: 'id, election_id, ranking, receipt_hash', action: 'election.ballot' },
};

/** Moves every held ballot of one motion or election, shuffled, with its audit event. */
export async function flushHeld(tx: Tx, ctx: { clock: Clock; ids: IdSource }, kind: Kind, id: string): Promise<number> {
  const t = TABLES[kind];
  const moved = await tx.query<{ receipt: string }>(
    `with moved as (delete from ${t.held} where ${t.key} = $1 returning ${t.columns})
     insert into ${t.final} (${t.columns}) select ${t.columns} from moved order by random()
     returning encode(receipt_hash, 'hex') as receipt`,
    [id],
  );
  // the audit events in an order of their own, unrelated to the voters'
  const receipts = moved.map((m) => m.receipt).sort();
  await appendAuditMany(tx, { ...ctx, actor: anonymous }, receipts.map((receipt) => ({ action: t.action, subject: `${kind}:${id}`, payload: { receipt } })));
  return moved.length;
}

/**
 * One pass of the mixer: every vote with at least `at` held ballots has them all moved, in
 * one transaction for the whole pass (so a counted ballot's transaction is shared by every
 * ballot mixed with it). One pass at a time across all servers (an advisory lock).
 */
export async function mixBallots(db: Db, ctx: { clock: Clock; ids: IdSource }, at = MIX_AT): Promise<number> {
  return db.transaction(async (tx) => {
    const [got] = await tx.query<{ ok: boolean }>("select pg_try_advisory_xact_lock(hashtext('cordon:ballot-mixer')) as ok");
    if (!got?.ok) return 0;
    let total = 0;
    for (const kind of ['motion', 'election'] as const) {
      const t = TABLES[kind];
      const moved = await tx.query<{ subject: string; receipt: string }>(
        `with ready as (select ${t.key} from ${t.held} group by ${t.key} having count(*) >= $1),
              moved as (delete from ${t.held} where ${t.key} in (select ${t.key} from ready) returning ${t.columns})
         insert into ${t.final} (${t.columns}) select ${t.columns} from moved order by random()
         returning '${kind}:' || ${t.key} as subject, encode(receipt_hash, 'hex') as receipt`,
        [at],
      );
      moved.sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
      await appendAuditMany(tx, { ...ctx, actor: anonymous }, moved.map((m) => ({ action: t.action, subject: m.subject, payload: { receipt: m.receipt } })));
      total += moved.length;
    }
    return total;
  });
}

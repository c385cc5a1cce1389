import type { Clock } from '../clock.js';
import { publish } from '../events.js';
import type { Db, Tx } from '../../db/db.js';
import {
  chainHash,
  checkpointHash,
  checkpointText,
  fromHex,
  leafHash,
  merkleRoot,
  toHex,
  ZERO_HASH,
  type CheckpointBody,
} from './hash.js';
import { signText, type SigningKey } from './keys.js';

// Only one sealer at a time across all server processes; the others skip the round.
const SEAL_LOCK = 7_202_410_002;

export interface SealResult {
  sealed: number;
  checkpoint?: CheckpointBody;
}

interface EventRow {
  seq: number;
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  payload: string;
}

/** Registers the key's public half so verifiers can check its signatures. */
export async function registerKey(tx: Tx, key: SigningKey, at: Date): Promise<void> {
  await tx.query(
    'insert into audit_key (id, public_key, created_at) values ($1, $2, $3) on conflict (id) do nothing',
    [key.id, key.publicKeyPem, at],
  );
}

/**
 * Seals up to `max` unsealed events, in commit-visible order of their sequence number,
 * as one batch: each gets the next chain position and chain hash, and the batch gets
 * a checkpoint with its Merkle root, linked to the previous checkpoint and signed.
 * Events of transactions still open are not visible and join a later batch.
 */
export async function sealBatch(db: Db, key: SigningKey, clock: Clock, max = 10_000): Promise<SealResult> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [SEAL_LOCK]);
    if (!lock?.ok) return { sealed: 0 };
    const events = await tx.query<EventRow>(
      `select seq, id, at, actor, action, subject, payload from audit_event
       where pos is null order by seq limit $1`,
      [max],
    );
    if (events.length === 0) return { sealed: 0 };
    const [last] = await tx.query<{ batch: number; last_pos: number; chain_hash: string; checkpoint_hash: string }>(
      `select batch, last_pos, encode(chain_hash, 'hex') as chain_hash, encode(checkpoint_hash, 'hex') as checkpoint_hash
       from audit_checkpoint order by batch desc limit 1`,
    );
    let previous: Uint8Array = last ? fromHex(last.chain_hash) : ZERO_HASH;
    const firstPos = (last?.last_pos ?? 0) + 1;
    const leaves: Uint8Array[] = [];
    const chain: string[] = [];
    for (const e of events) {
      const leaf = leafHash(e);
      previous = chainHash(previous, leaf);
      leaves.push(leaf);
      chain.push(toHex(previous));
    }
    await tx.query(
      `update audit_event e set pos = u.pos, chain_hash = decode(u.h, 'hex')
       from unnest($1::bigint[], $2::bigint[], $3::text[]) as u(seq, pos, h)
       where e.seq = u.seq`,
      [events.map((e) => e.seq), events.map((_, i) => firstPos + i), chain],
    );
    const body: CheckpointBody = {
      batch: (last?.batch ?? 0) + 1,
      firstPos,
      lastPos: firstPos + events.length - 1,
      merkleRoot: toHex(merkleRoot(leaves)),
      chainHash: toHex(previous),
      previous: last ? last.checkpoint_hash : null,
      sealedAt: clock.now().toISOString(),
      keyId: key.id,
    };
    await registerKey(tx, key, clock.now());
    await tx.query(
      `insert into audit_checkpoint (batch, first_pos, last_pos, merkle_root, chain_hash, previous_hash,
         checkpoint_hash, key_id, signature, sealed_at)
       values ($1, $2, $3, decode($4, 'hex'), decode($5, 'hex'), decode($6, 'hex'), decode($7, 'hex'), $8, decode($9, 'hex'), $10)`,
      [
        body.batch,
        body.firstPos,
        body.lastPos,
        body.merkleRoot,
        body.chainHash,
        body.previous,
        toHex(checkpointHash(body)),
        key.id,
        toHex(signText(key, checkpointText(body))),
        new Date(body.sealedAt),
      ],
    );
    await publish(tx, 'audit.checkpoint', { batch: body.batch, lastPos: body.lastPos });
    return { sealed: events.length, checkpoint: body };
  });
}

/** Seals until nothing is left; returns how many events were sealed. */
export async function sealAll(db: Db, key: SigningKey, clock: Clock, batchSize = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sealBatch(db, key, clock, batchSize);
    total += r.sealed;
    if (r.sealed < batchSize) return total;
  }
}

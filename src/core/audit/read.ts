import type { Queryable } from '../../db/db.js';

/** Public read access to the sealed chain, for anyone who wants to verify it. */

export interface SealedEvent {
  pos: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  payload: string;
  chainHash: string;
}

export async function sealedEvents(q: Queryable, afterPos: number, limit: number): Promise<SealedEvent[]> {
  const rows = await q.query<{ pos: number; id: string; at: Date; actor: string; action: string; subject: string; payload: string; chain_hash: string }>(
    `select pos, id, at, actor, action, subject, payload, encode(chain_hash, 'hex') as chain_hash
     from audit_event where pos > $1 order by pos limit $2`,
    [afterPos, limit],
  );
  return rows.map((r) => ({ pos: r.pos, id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, subject: r.subject, payload: r.payload, chainHash: r.chain_hash }));
}

export interface CheckpointView {
  batch: number;
  firstPos: number;
  lastPos: number;
  merkleRoot: string;
  chainHash: string;
  previous: string | null;
  checkpointHash: string;
  keyId: string;
  signature: string;
  sealedAt: string;
}

export async function checkpoints(q: Queryable, afterBatch: number, limit: number): Promise<CheckpointView[]> {
  const rows = await q.query<{
    batch: number; first_pos: number; last_pos: number; merkle_root: string; chain_hash: string; previous_hash: string | null;
    checkpoint_hash: string; key_id: string; signature: string; sealed_at: Date;
  }>(
    `select batch, first_pos, last_pos, encode(merkle_root, 'hex') as merkle_root, encode(chain_hash, 'hex') as chain_hash,
            encode(previous_hash, 'hex') as previous_hash, encode(checkpoint_hash, 'hex') as checkpoint_hash, key_id,
            encode(signature, 'hex') as signature, sealed_at
     from audit_checkpoint where batch > $1 order by batch limit $2::int8`,
    [afterBatch, limit],
  );
  return rows.map((r) => ({
    batch: r.batch, firstPos: r.first_pos, lastPos: r.last_pos, merkleRoot: r.merkle_root, chainHash: r.chain_hash,
    previous: r.previous_hash, checkpointHash: r.checkpoint_hash, keyId: r.key_id, signature: r.signature, sealedAt: r.sealed_at.toISOString(),
  }));
}

export async function publicKeys(q: Queryable): Promise<{ id: string; publicKey: string; createdAt: string }[]> {
  const rows = await q.query<{ id: string; public_key: string; created_at: Date }>('select id, public_key, created_at from audit_key order by created_at');
  return rows.map((r) => ({ id: r.id, publicKey: r.public_key, createdAt: r.created_at.toISOString() }));
}

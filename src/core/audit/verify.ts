import type { Db } from '../../db/db.js';
import {
  chainHash,
  checkpointHash,
  checkpointText,
  equalBytes,
  leafHash,
  merkleRoot,
  toHex,
  ZERO_HASH,
  type CheckpointBody,
} from './hash.js';
import { verifyText } from './keys.js';

export interface BrokenLink {
  /** Position in the chain of the first event that does not match. */
  pos: number;
  seq?: number;
  id?: string;
  action?: string;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  checkpoints: number;
  unsealed: number;
  firstBroken?: BrokenLink;
}

interface CheckpointRow {
  batch: number;
  first_pos: number;
  last_pos: number;
  merkle_root: string;
  chain_hash: string;
  previous_hash: string | null;
  checkpoint_hash: string;
  key_id: string;
  signature: string;
  sealed_at: Date;
}

interface EventRow {
  seq: number;
  pos: number;
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  payload: string;
  chain_hash: string;
}

/** Checks one checkpoint on its own and against its predecessor; returns the reason it fails. */
function checkCheckpoint(c: CheckpointRow, prev: CheckpointRow | undefined, keys: Map<string, string>): string | undefined {
  const body: CheckpointBody = {
    batch: c.batch,
    firstPos: c.first_pos,
    lastPos: c.last_pos,
    merkleRoot: c.merkle_root,
    chainHash: c.chain_hash,
    previous: c.previous_hash,
    sealedAt: c.sealed_at.toISOString(),
    keyId: c.key_id,
  };
  if (c.batch !== (prev?.batch ?? 0) + 1) return `checkpoint ${c.batch} follows checkpoint ${prev?.batch ?? 0}`;
  if (c.first_pos !== (prev?.last_pos ?? 0) + 1) return `checkpoint ${c.batch} starts at position ${c.first_pos}, not ${(prev?.last_pos ?? 0) + 1}`;
  if (c.previous_hash !== (prev?.checkpoint_hash ?? null)) return `checkpoint ${c.batch} does not link to checkpoint ${prev?.batch}`;
  if (toHex(checkpointHash(body)) !== c.checkpoint_hash) return `checkpoint ${c.batch}'s hash does not match its contents`;
  const pem = keys.get(c.key_id);
  if (!pem) return `checkpoint ${c.batch} is signed by unknown key ${c.key_id}`;
  if (!verifyText(pem, checkpointText(body), Buffer.from(c.signature, 'hex')))
    return `checkpoint ${c.batch}'s signature does not verify with key ${c.key_id}`;
  return undefined;
}

/**
 * Recomputes the whole chain from the stored events: every event's leaf and chain
 * hash, every batch's Merkle root, every checkpoint's link and signature. Stops at
 * the first event that does not match and names it.
 */
export async function verifyChain(db: Db, onProgress: (done: number, total: number) => void = () => {}): Promise<VerifyReport> {
  const keys = new Map(
    (await db.query<{ id: string; public_key: string }>('select id, public_key from audit_key')).map((k) => [k.id, k.public_key]),
  );
  const checkpoints = await db.query<CheckpointRow>(
    `select batch, first_pos, last_pos, encode(merkle_root, 'hex') as merkle_root, encode(chain_hash, 'hex') as chain_hash,
            encode(previous_hash, 'hex') as previous_hash, encode(checkpoint_hash, 'hex') as checkpoint_hash,
            key_id, encode(signature, 'hex') as signature, sealed_at
     from audit_checkpoint order by batch`,
  );
  const [{ sealed, unsealed } = { sealed: 0, unsealed: 0 }] = await db.query<{ sealed: number; unsealed: number }>(
    'select count(pos)::int8 as sealed, (count(*) - count(pos))::int8 as unsealed from audit_event',
  );
  const report = (firstBroken?: BrokenLink, events = 0): VerifyReport => ({
    ok: !firstBroken,
    events,
    checkpoints: checkpoints.length,
    unsealed,
    ...(firstBroken ? { firstBroken } : {}),
  });

  let previous: Uint8Array = ZERO_HASH;
  let expected = 1;
  let cpIndex = 0;
  let leaves: Uint8Array[] = [];
  const pageSize = 5000;
  for (;;) {
    const page = await db.query<EventRow>(
      `select seq, pos, id, at, actor, action, subject, payload, encode(chain_hash, 'hex') as chain_hash
       from audit_event where pos >= $1 order by pos limit $2`,
      [expected, pageSize],
    );
    for (const e of page) {
      const at = { pos: expected, seq: e.seq, id: e.id, action: e.action };
      if (e.pos !== expected) return report({ pos: expected, reason: `the event at position ${expected} is missing` }, expected - 1);
      const cp = checkpoints[cpIndex];
      if (!cp || e.pos > cp.last_pos) return report({ ...at, reason: 'sealed but in no checkpoint' }, expected - 1);
      const leaf = leafHash(e);
      previous = chainHash(previous, leaf);
      if (toHex(previous) !== e.chain_hash)
        return report({ ...at, reason: 'its contents or place do not match its chain hash (altered, inserted or reordered)' }, expected - 1);
      leaves.push(leaf);
      if (e.pos === cp.last_pos) {
        const first = { pos: cp.first_pos, reason: '' };
        const why =
          checkCheckpoint(cp, checkpoints[cpIndex - 1], keys) ??
          (toHex(merkleRoot(leaves)) !== cp.merkle_root ? `batch ${cp.batch}'s Merkle root does not match its signed checkpoint` : undefined) ??
          (!equalBytes(previous, Buffer.from(cp.chain_hash, 'hex')) ? `batch ${cp.batch}'s chain hash does not match its signed checkpoint` : undefined);
        if (why) return report({ ...first, reason: why }, cp.first_pos - 1);
        leaves = [];
        cpIndex++;
      }
      expected++;
    }
    onProgress(expected - 1, sealed);
    if (page.length < pageSize) break;
  }
  if (cpIndex < checkpoints.length) {
    const cp = checkpoints[cpIndex]!;
    return report({ pos: expected, reason: `checkpoint ${cp.batch} covers positions ${cp.first_pos}–${cp.last_pos}, but the events from ${expected} are missing` }, expected - 1);
  }
  return report(undefined, expected - 1);
}

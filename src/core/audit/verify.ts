import type { Db } from '../../db/db.js';
import { chainHash, checkpointHash, checkpointText, leafHash, merkleRoot, toHex, ZERO_HASH, type CheckpointBody } from './hash.js';
import { verifyText } from './keys.js';
import { checkpoints as readCheckpoints, publicKeys, sealedEvents, type CheckpointView } from './read.js';

export interface BrokenLink {
  /** Position in the chain of the first event that does not match. */
  pos: number;
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

/** Checks one checkpoint on its own and against its predecessor; returns the reason it fails. */
function checkCheckpoint(c: CheckpointView, prev: CheckpointView | undefined, keys: Map<string, string>): string | undefined {
  const body: CheckpointBody = {
    batch: c.batch,
    firstPos: c.firstPos,
    lastPos: c.lastPos,
    merkleRoot: c.merkleRoot,
    chainHash: c.chainHash,
    previous: c.previous,
    sealedAt: c.sealedAt,
    keyId: c.keyId,
  };
  if (c.batch !== (prev?.batch ?? 0) + 1) return `checkpoint ${c.batch} follows checkpoint ${prev?.batch ?? 0}`;
  if (c.firstPos !== (prev?.lastPos ?? 0) + 1) return `checkpoint ${c.batch} starts at position ${c.firstPos}, not ${(prev?.lastPos ?? 0) + 1}`;
  if (c.previous !== (prev?.checkpointHash ?? null)) return `checkpoint ${c.batch} does not link to checkpoint ${prev?.batch}`;
  if (toHex(checkpointHash(body)) !== c.checkpointHash) return `checkpoint ${c.batch}'s hash does not match its contents`;
  const pem = keys.get(c.keyId);
  if (!pem) return `checkpoint ${c.batch} is signed by unknown key ${c.keyId}`;
  if (!verifyText(pem, checkpointText(body), Buffer.from(c.signature, 'hex')))
    return `checkpoint ${c.batch}'s signature does not verify with key ${c.keyId}`;
  return undefined;
}

/**
 * Recomputes the whole chain from what the public endpoints serve: every event's leaf
 * and chain hash, every batch's Merkle root, every checkpoint's link and signature.
 * Stops at the first event that does not match and names it.
 */
export async function verifyChain(db: Db, onProgress: (done: number, total: number) => void = () => {}): Promise<VerifyReport> {
  const keys = new Map((await publicKeys(db)).map((k) => [k.id, k.publicKey]));
  const cps = await readCheckpoints(db, 0, Number.MAX_SAFE_INTEGER);
  const [{ sealed, unsealed } = { sealed: 0, unsealed: 0 }] = await db.query<{ sealed: number; unsealed: number }>(
    'select count(pos)::int8 as sealed, (count(*) - count(pos))::int8 as unsealed from audit_event',
  );
  const report = (verified: number, firstBroken?: BrokenLink): VerifyReport => ({
    ok: !firstBroken,
    events: verified,
    checkpoints: cps.length,
    unsealed,
    ...(firstBroken ? { firstBroken } : {}),
  });

  let previous: Uint8Array = ZERO_HASH;
  let expected = 1;
  let cpIndex = 0;
  let leaves: Uint8Array[] = [];
  const pageSize = 5000;
  for (;;) {
    const page = await sealedEvents(db, expected - 1, pageSize);
    for (const e of page) {
      if (e.pos !== expected) return report(expected - 1, { pos: expected, reason: `the event at position ${expected} is missing` });
      const at = { pos: e.pos, id: e.id, action: e.action };
      const cp = cps[cpIndex];
      if (!cp || e.pos > cp.lastPos) return report(expected - 1, { ...at, reason: 'sealed but in no checkpoint' });
      const leaf = leafHash({ ...e, at: new Date(e.at) });
      previous = chainHash(previous, leaf);
      if (toHex(previous) !== e.chainHash)
        return report(expected - 1, { ...at, reason: 'its contents or place do not match its chain hash (altered, inserted or reordered)' });
      leaves.push(leaf);
      if (e.pos === cp.lastPos) {
        const why =
          checkCheckpoint(cp, cps[cpIndex - 1], keys) ??
          (toHex(merkleRoot(leaves)) !== cp.merkleRoot ? `batch ${cp.batch}'s Merkle root does not match its signed checkpoint` : undefined) ??
          (toHex(previous) !== cp.chainHash ? `batch ${cp.batch}'s chain hash does not match its signed checkpoint` : undefined);
        if (why) return report(cp.firstPos - 1, { pos: cp.firstPos, reason: why });
        leaves = [];
        cpIndex++;
      }
      expected++;
    }
    onProgress(expected - 1, sealed);
    if (page.length < pageSize) break;
  }
  const cp = cps[cpIndex];
  if (cp) return report(expected - 1, { pos: expected, reason: `checkpoint ${cp.batch} covers positions ${cp.firstPos}–${cp.lastPos}, but the events from ${expected} are missing` });
  return report(expected - 1);
}

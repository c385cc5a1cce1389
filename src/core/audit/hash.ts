import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';

/**
 * The hashes of the audit chain. Leaves and inner nodes follow Certificate
 * Transparency (RFC 6962 §2.1): leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ l ‖ r),
 * so a leaf can never pass for a node. Each event is also chained to the one before:
 * chain_i = SHA-256(chain_{i−1} ‖ leaf_i), chain_0's predecessor being 32 zero bytes.
 */

export const ZERO_HASH = new Uint8Array(32);

/** The fields of an event that its hash covers (everything but its place in the chain). */
export interface AuditEventContent {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  /** The canonical JSON text of the payload, exactly as stored. */
  payload: string;
}

function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);

export function leafData(e: AuditEventContent): string {
  return canonicalJson([e.id, e.at.toISOString(), e.actor, e.action, e.subject, e.payload]);
}

export function leafHash(e: AuditEventContent): Uint8Array {
  return sha256(LEAF, Buffer.from(leafData(e), 'utf8'));
}

export function chainHash(previous: Uint8Array, leaf: Uint8Array): Uint8Array {
  return sha256(previous, leaf);
}

/** RFC 6962 Merkle Tree Hash of leaf hashes (already prefixed); the empty tree is SHA-256(""). */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256();
  let level = [...leaves];
  // Bottom-up pairing equals RFC 6962's recursive split at the largest power of two < n:
  // an odd node at the end of a level is promoted unchanged.
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(sha256(NODE, level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

export function fromHex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** What a checkpoint signs: its canonical JSON text. */
export interface CheckpointBody {
  batch: number;
  firstPos: number;
  lastPos: number;
  merkleRoot: string;
  chainHash: string;
  previous: string | null;
  sealedAt: string;
  keyId: string;
}

export function checkpointText(c: CheckpointBody): string {
  return canonicalJson(c);
}

export function checkpointHash(c: CheckpointBody): Uint8Array {
  return sha256(Buffer.from(checkpointText(c), 'utf8'));
}

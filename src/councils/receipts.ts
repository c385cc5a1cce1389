import { createHash } from 'node:crypto';
import type { IdSource } from '../core/ids.js';

/** A secret-ballot receipt: a code only the voter sees, and the SHA-256 stored and
 *  published beside their ballot so they can find it unchanged. */
export function receiptHash(receipt: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(receipt, 'utf8').digest());
}

export function newReceipt(ids: IdSource): { receipt: string; hash: Uint8Array } {
  const receipt = `R-${ids.secret(15)}`;
  return { receipt, hash: receiptHash(receipt) };
}

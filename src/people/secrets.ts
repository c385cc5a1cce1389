import { hash, verify } from '@node-rs/argon2';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Passwords: argon2id with the library's defaults (m=19 MiB, t=2, p=1; OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real argon2id hash of a random string: verifying against it when the account does
// not exist costs the same time as a real check, so timing does not reveal usernames.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$2wVMroE+J+/ZNyJLCNaAmg$4RGvf8BmlNwjAQiWHXXRARf3XOVBziRbrWxx/WUCh2U';

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    return await verify(stored ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}

/** Session ids and token secrets are high-entropy, so a plain SHA-256 is enough at rest. */
export function secretHash(secret: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(secret, 'utf8').digest());
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Bearer tokens read `cdn_<token id>_<secret>`: the id finds the row, the secret proves it. */
export function formatToken(id: string, secret: string): string {
  return `cdn_${id.replaceAll('-', '')}_${secret}`;
}

export function parseToken(token: string): { id: string; secret: string } | undefined {
  const m = /^cdn_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token);
  if (!m) return undefined;
  const h = m[1]!;
  return { id: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, secret: m[2]! };
}

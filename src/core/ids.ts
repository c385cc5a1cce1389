import { randomFillSync } from 'node:crypto';
import type { Clock } from './clock.js';

/** Where new identifiers come from: random UUIDv7 in production, a counter in tests. */
export interface IdSource {
  /** A new UUID (version 7: time-ordered, so b-tree inserts stay local). */
  uuid(): string;
  /** `n` bytes of secret randomness, base64url-encoded (tokens, session ids). */
  secret(bytes?: number): string;
}

function formatUuid(b: Uint8Array): string {
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** RFC 9562 UUIDv7 from a millisecond timestamp and 10 random bytes. */
export function uuidv7(ms: number, rand: Uint8Array): string {
  const b = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b.set(rand.subarray(0, 10), 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  return formatUuid(b);
}

// Random bytes are drawn from the operating system 4 KiB at a time and handed out once
// each: one system call per ~400 identifiers instead of one each (it shows when a
// national register is imported).
const pool = Buffer.alloc(4096);
let used = pool.length;

/** `n` (≤ 4096) fresh bytes from the cryptographic generator; never handed out twice. */
export function randomBytesPooled(n: number): Uint8Array {
  if (n > pool.length) throw new RangeError(`at most ${pool.length} bytes at a time`);
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const out = Uint8Array.prototype.slice.call(pool, used, used + n);
  used += n;
  return out;
}

export function randomIds(clock: Clock): IdSource {
  return {
    uuid: () => uuidv7(clock.now().getTime(), randomBytesPooled(10)),
    secret: (bytes = 32) => Buffer.from(randomBytesPooled(bytes)).toString('base64url'),
  };
}

/** Deterministic ids for tests: UUIDs 00000000-0000-7000-8000-000000000001, … */
export function sequentialIds(start = 1): IdSource {
  let n = start;
  return {
    uuid: () => {
      const v = (n++).toString(16).padStart(12, '0');
      return `00000000-0000-7000-8000-${v}`;
    },
    secret: (bytes = 32) => `secret-${(n++).toString().padStart(bytes, '0')}`,
  };
}

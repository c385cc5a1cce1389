import { describe, expect, test } from 'vitest';
import { ManualClock } from './clock.js';
import { randomBytesPooled, randomIds, uuidv7 } from './ids.js';

describe('identifiers', () => {
  test('UUIDv7: the time first, version 7, variant 10', () => {
    const id = uuidv7(Date.UTC(2026, 10, 25), new Uint8Array(10).fill(0xff));
    expect(id).toBe('01a21000-8800-7fff-bfff-ffffffffffff'); // 1795564800000 ms = 0x01a210008800
  });

  test('pooled random bytes are never handed out twice, across refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const b = randomBytesPooled(10);
      expect(b.length).toBe(10);
      seen.add(Buffer.from(b).toString('hex'));
    }
    expect(seen.size).toBe(5000);
    expect(() => randomBytesPooled(5000)).toThrow(RangeError);
  });

  test('ids and secrets from the pool are distinct and well formed', () => {
    const ids = randomIds(new ManualClock('2026-11-25T00:00:00Z'));
    const uuids = new Set(Array.from({ length: 1000 }, () => ids.uuid()));
    expect(uuids.size).toBe(1000);
    for (const u of uuids) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.secret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ids.secret()).not.toBe(ids.secret());
  });
});

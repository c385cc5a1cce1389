import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ephemeralSigningKey, sealAll, verifyChain } from '../../src/core/audit/index.js';
import { loadSmallDemo } from '../../src/demo/index.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { systemActor } from '../../src/core/actor.js';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/context.js';
import { randomIds } from '../../src/core/ids.js';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe('small demo federation', () => {
  test('every level has its delegates, and it is all on a chain that verifies', async () => {
    const demo = await loadSmallDemo({ db: t.db, clock: systemClock, ids: randomIds(systemClock), log: silentLogger, actor: systemActor('test') });
    expect(demo.adminPassword.length).toBeGreaterThanOrEqual(12);
    const held = await t.db.query<{ kind: string; n: number }>(
      `select b.kind, count(*)::int as n from seat s join body b on b.id = s.body_id where s.holder_id is not null group by b.kind order by b.kind`,
    );
    expect(held).toEqual([
      { kind: 'cordon', n: 7 },
      { kind: 'national_assembly', n: 1 },
      { kind: 'regional', n: 2 },
    ]);
    await sealAll(t.db, ephemeralSigningKey(), systemClock);
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});

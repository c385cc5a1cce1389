import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger, type Ctx } from '../../src/core/context.js';
import { randomIds } from '../../src/core/ids.js';
import { isMember, refillSeat, withdrawConfidence } from '../../src/councils/index.js';
import { openRecallVote } from '../../src/councils/motions.js';
import { buildNational, nationalLayout } from '../../src/demo/national.js';
import { openTestDb, type TestDb } from '../support/db.js';

const size = { people: 2_000, perBase: 10, districts: 20, regions: 4 };
const L = nationalLayout(size);
let t: TestDb;
let ctx: Ctx;
beforeAll(async () => {
  t = await openTestDb();
  ctx = { db: t.db, clock: systemClock, ids: randomIds(systemClock), log: silentLogger, actor: systemActor('test') };
  await buildNational(ctx, size);
});
afterAll(() => t.close());

describe('national federation builder', () => {
  test('builds every level with its delegates', async () => {
    const counts = await t.db.query<{ kind: string; n: number }>('select kind, count(*)::int as n from body group by kind order by kind');
    expect(Object.fromEntries(counts.map((c) => [c.kind, c.n]))).toEqual({ cordon: 20, national_assembly: 1, regional: 4, supply_committee: 28, workplace: 172 });
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from membership'))[0]!.n).toBe(2_000);
    // base 1's delegate (member 1) sits in cordón 1, region 1 and the assembly
    expect(await isMember(t.db, L.member(1, 1), L.district(1))).toBe(true);
    expect(await isMember(t.db, L.member(1, 1), L.region(1))).toBe(true);
    expect(await isMember(t.db, L.member(1, 1), L.assembly)).toBe(true);
    expect(await isMember(t.db, L.member(1, 2), L.district(1))).toBe(false);
  });

  test('a recall in a base cascades three levels up', async () => {
    let outcome;
    for (let i = 2; i <= 7; i++) outcome = await withdrawConfidence({ ...ctx, actor: { kind: 'person', id: L.member(1, i), isAdmin: false } }, L.baseSeat(1), refillSeat, openRecallVote);
    expect(outcome!.vacated.map((v) => v.bodyId)).toEqual([L.district(1), L.region(1), L.assembly]);
    expect(await isMember(t.db, L.member(1, 1), L.assembly)).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { randomIds } from '../../src/core/ids.js';
import { addMembers, createBody, createSeats, grantOffice, recordDelegate, sweepReportBacks } from '../../src/councils/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The alternative recall rule (petition, then a recall vote with a turnout floor and a
// cooldown), report-backs, and offices given by the chair.
let s: TestServer;
const clock = new ManualClock('2026-11-01T08:00:00Z');
const ids: Record<string, string> = {};
const c: Record<string, Client> = {};
let cordon: string, base: string, seat: string;

beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2160' } });
  const sys = { ...s.system, clock };
  cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón O’Higgins' })).id;
  base = (
    await createBody(sys, {
      kind: 'neighbourhood',
      name: 'Población La Victoria',
      parentId: cordon,
      charter: { petition: { petitionShare: 0.2, removalShare: 0.5, turnoutShare: 0.5, days: 2, cooldownDays: 30 }, reportBackDays: 14 },
    })
  ).id;
  const names = Array.from({ length: 10 }, (_, i) => `v${i}`);
  for (const n of names) {
    ids[n] = (await s.addPerson({ username: n, password: `${n}-password`, displayName: n.toUpperCase() })).id;
    c[n] = new Client(s.url);
    await c[n]!.login(n, `${n}-password`);
  }
  await addMembers(sys, base, names.map((n) => ids[n]!));
  await grantOffice(sys, { bodyId: base, personId: ids.v0!, title: 'chair' });
  seat = (await createSeats(sys, base))[0]!.id;
  await recordDelegate(sys, { seatId: seat, personId: ids.v9! });
});
afterAll(() => s.close());

describe('recall by petition and vote', () => {
  test('a petition of more than 20% opens a secret recall vote; a failed vote starts a cooldown', async () => {
    for (const n of ['v1', 'v2']) expect((await c[n]!.post(`/seats/${seat}/withdraw-confidence`, {})).body.recallVote).toBeUndefined();
    const third = (await c.v3!.post(`/seats/${seat}/withdraw-confidence`, {})).body;
    expect(third).toMatchObject({ withdrawals: 3, threshold: 3, vacated: [] });
    const vote = third.recallVote;
    expect((await c.v0!.get(`/motions/${vote}`)).body).toMatchObject({ options: ['yes', 'no'], secret: true, threshold: 0.5, quorum: 0.5 });
    // only 4 of 10 vote: below the turnout floor, so the delegate stays
    for (const [n, ch] of [['v1', 0], ['v2', 0], ['v3', 0], ['v4', 1]] as const) expect((await c[n]!.post(`/motions/${vote}/votes`, { choice: ch })).status).toBe(201);
    clock.advance(2 * 86_400_000 + 1);
    const closed = (await c.v0!.post(`/motions/${vote}/close`, {})).body;
    expect(closed.result).toMatchObject({ quorate: false, adopted: null });
    expect((await c.v0!.get(`/bodies/${base}/delegation`)).body.seats[0]).toMatchObject({ holder: { personId: ids.v9 }, withdrawals: 0 });
    const cool = await c.v5!.post(`/seats/${seat}/withdraw-confidence`, {});
    expect(cool.body.code).toBe('recall_cooldown');
  });

  test('after the cooldown a new petition and a vote with turnout removes the delegate, cascading and opening a by-election', async () => {
    clock.advance(31 * 86_400_000);
    let vote = '';
    for (const n of ['v1', 'v2', 'v3']) vote = (await c[n]!.post(`/seats/${seat}/withdraw-confidence`, {})).body.recallVote ?? vote;
    expect(vote).toBeTruthy();
    for (const [n, ch] of [['v1', 0], ['v2', 0], ['v3', 0], ['v4', 0], ['v5', 1], ['v6', 0]] as const) await c[n]!.post(`/motions/${vote}/votes`, { choice: ch });
    clock.advance(2 * 86_400_000 + 1);
    expect((await c.v0!.post(`/motions/${vote}/close`, {})).body.result).toMatchObject({ quorate: true, adopted: 0 });
    expect((await c.v0!.get(`/bodies/${base}/delegation`)).body.seats[0].holder).toBeNull();
    const [{ n }] = await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from election where constituency_id = $1 and status = 'nominating'`, [base]);
    expect(n).toBe(1);
  });
});

describe('report-back', () => {
  test('a delegate reports back; a missed period raises one notice to the base', async () => {
    const sys = { ...s.system, clock };
    await recordDelegate(sys, { seatId: seat, personId: ids.v8! });
    expect((await c.v1!.post(`/seats/${seat}/report-backs`, { text: 'Informe' })).body.code).toBe('not_delegate');
    expect((await c.v8!.post(`/seats/${seat}/report-backs`, { text: 'Informe de la semana: acuerdos del cordón…' })).status).toBe(201);
    clock.advance(10 * 86_400_000);
    expect(await sweepReportBacks(s.testDb.db, clock, randomIds(clock))).toBe(0);
    clock.advance(5 * 86_400_000);
    expect(await sweepReportBacks(s.testDb.db, clock, randomIds(clock))).toBe(1);
    expect(await sweepReportBacks(s.testDb.db, clock, randomIds(clock))).toBe(0); // once per period
    const notices = (await c.v1!.get(`/bodies/${base}/notices`)).body;
    expect(notices).toEqual([expect.objectContaining({ kind: 'report_back_missed', detail: expect.objectContaining({ delegate: ids.v8, days: 14 }) })]);
  });
});

describe('offices', () => {
  test("the chair gives offices, but not the chair's own; others may not", async () => {
    expect((await c.v0!.post(`/bodies/${base}/offices`, { personId: ids.v2, title: 'secretary' })).status).toBe(204);
    expect((await c.v0!.post(`/bodies/${base}/offices`, { personId: ids.v2, title: 'chair' })).body.code).toBe('chair_by_vote');
    expect((await c.v3!.post(`/bodies/${base}/offices`, { personId: ids.v3, title: 'secretary' })).body.code).toBe('not_officer');
  });

  test('the body elects its chair by a motion; the old chair steps down', async () => {
    expect((await c.v3!.post(`/bodies/${base}/motions`, { title: 'X', text: '', grantsOffice: { title: 'chair', personId: ids.nobody ?? '00000000-0000-7000-8000-00000000ffff' } })).body.code).toBe('not_member');
    const m = await c.v3!.post(`/bodies/${base}/motions`, { title: 'Elegir a V2 presidenta', text: '', grantsOffice: { title: 'chair', personId: ids.v2 }, days: 1 });
    expect(m.status).toBe(201);
    for (const n of ['v1', 'v2', 'v3', 'v4', 'v5', 'v6']) expect((await c[n]!.post(`/motions/${m.body.id}/votes`, { choice: n === 'v6' ? 1 : 0 })).status).toBe(201);
    clock.advance(86_400_000 + 1);
    expect((await c.v3!.post(`/motions/${m.body.id}/close`, {})).body.result.adopted).toBe(0);
    const members = (await c.v1!.get(`/bodies/${base}`)).body.members as { personId: string; offices: string[] }[];
    expect(members.find((x) => x.personId === ids.v2)!.offices).toEqual(['chair', 'secretary']);
    expect(members.find((x) => x.personId === ids.v0)!.offices).toEqual([]);
  });
});

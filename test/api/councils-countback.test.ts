import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
const clock = new ManualClock('2026-12-01T08:00:00Z');
const ids: Record<string, string> = {};
const c: Record<string, Client> = {};
let base: string;

beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  const sys = { ...s.system, clock };
  const cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Macul' })).id;
  base = (await createBody(sys, { kind: 'union', name: 'Sindicato Textil', parentId: cordon, charter: { delegates: { fixed: 3 } } })).id;
  for (let i = 0; i < 9; i++) {
    const n = `m${i}`;
    ids[n] = (await s.addPerson({ username: n, password: `${n}-password`, displayName: n.toUpperCase() })).id;
    c[n] = new Client(s.url);
    await c[n]!.login(n, `${n}-password`);
  }
  await addMembers(sys, base, Object.values(ids));
  await grantOffice(sys, { bodyId: base, personId: ids.m0!, title: 'chair' });
});
afterAll(() => s.close());

describe('countback', () => {
  test('a recalled STV delegate is replaced by recounting the same ballots, without a by-election', async () => {
    const [A, B, C, D] = ['m1', 'm2', 'm3', 'm4'].map((n) => ids[n]!);
    const e = (await c.m0!.post(`/bodies/${base}/elections`, { candidates: [A, B, C, D], method: 'stv', days: 1 })).body;
    const votes: [string, string[]][] = [
      ['m0', [A, D]], ['m1', [A]], ['m2', [B, D]], ['m3', [C]], ['m4', [D, B]], ['m5', [B, D]], ['m6', [C, A]], ['m7', [A, B]], ['m8', [B, C]],
    ];
    for (const [v, r] of votes) expect((await c[v]!.post(`/elections/${e.id}/ballots`, { ranking: r })).status).toBe(201);
    clock.advance(86_400_000 + 1);
    const counted = (await c.m0!.post(`/elections/${e.id}/count`, {})).body;
    expect([...counted.elected].sort()).toEqual([A, B, C].sort());
    const seatOfB = counted.seats.find((x: { personId: string }) => x.personId === B).seatId;
    // five of nine withdraw confidence from B: recalled, and the countback seats D
    let outcome: any;
    for (const v of ['m0', 'm3', 'm4', 'm6', 'm8']) outcome = (await c[v]!.post(`/seats/${seatOfB}/withdraw-confidence`, {})).body;
    expect(outcome).toMatchObject({ withdrawals: 5, threshold: 5, byElections: [] });
    const seats = (await c.m0!.get(`/bodies/${base}/delegation`)).body.seats;
    expect(seats.map((x: { holder: { personId: string } }) => x.holder.personId).sort()).toEqual([A, C, D].sort());
    const events = await s.testDb.db.query<{ payload: string }>(`select payload from audit_event where action = 'seat.countback'`);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ departed: B, filledBy: D });
  });
});

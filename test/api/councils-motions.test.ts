import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, createSeats, grantOffice, recordDelegate } from '../../src/councils/index.js';
import { addPerson } from '../../src/people/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// A cordón of two workplaces of unequal size whose delegates' votes are weighted by
// constituency; bases bind their delegates with imperative mandates.
let s: TestServer;
const clock = new ManualClock('2026-10-01T08:00:00Z');
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};
let cordon: string, big: string, small: string;
const as = (n: string) => clients[n]!;

beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  const sys = { ...s.system, clock };
  cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Cerrillos' })).id;
  big = (await createBody(sys, { kind: 'workplace', name: 'Perlak', parentId: cordon, charter: { weighting: 'constituency', recallOnMandateBreach: true } })).id;
  small = (await createBody(sys, { kind: 'workplace', name: 'Fensa', parentId: cordon, charter: { weighting: 'constituency' } })).id;
  for (const n of ['p1', 'p2', 'p3', 'p4', 'p5', 'f1', 'f2', 'f3', 'nobody']) {
    ids[n] = (await s.addPerson({ username: n, password: `${n}-password`, displayName: n.toUpperCase() })).id;
    clients[n] = new Client(s.url);
    await clients[n]!.login(n, `${n}-password`);
  }
  await addMembers(sys, big, ['p1', 'p2', 'p3', 'p4', 'p5'].map((n) => ids[n]!));
  await addMembers(sys, small, ['f1', 'f2', 'f3'].map((n) => ids[n]!));
  await grantOffice(sys, { bodyId: big, personId: ids.p1!, title: 'chair' });
  await grantOffice(sys, { bodyId: small, personId: ids.f1!, title: 'chair' });
  for (const [base, delegate] of [[big, 'p2'], [small, 'f2']] as const) {
    const [seat] = await createSeats(sys, base);
    await recordDelegate(sys, { seatId: seat!.id, personId: ids[delegate]! });
  }
});
afterAll(() => s.close());

describe('motions', () => {
  test('in a base body: a secret vote, a receipt, quorum and majority of votes cast', async () => {
    const m = await as('p1').post(`/bodies/${big}/motions`, { title: 'Jornada de 8 horas', text: 'Proponemos…', days: 1 });
    expect(m.status).toBe(201);
    expect(m.body).toMatchObject({ secret: true, options: ['yes', 'no', 'abstain'], status: 'open' });
    for (const [n, c] of [['p1', 0], ['p2', 0], ['p3', 1], ['p4', 2]] as const) {
      const r = await as(n).post(`/motions/${m.body.id}/votes`, { choice: c });
      expect(r.status).toBe(201);
      expect(r.body.receipt).toMatch(/^R-/);
      if (n === 'p3') expect((await new Client(s.url).get(`/motions/${m.body.id}/receipts/${r.body.receipt}`)).body).toEqual({ choice: 1, ranking: null, weight: 100 });
    }
    expect((await new Client(s.url).get(`/motions/${m.body.id}/receipts/R-not-a-real-receipt`)).body.code).toBe('unknown_receipt');
    expect((await as('p1').post(`/motions/${m.body.id}/votes`, { choice: 1 })).body.code).toBe('already_voted');
    // a receipt is never stored beside its voter, so a ballot cannot be replayed by key
    expect((await as('p5').post(`/motions/${m.body.id}/votes`, { choice: 0 }, { 'idempotency-key': 'k1' })).body.code).toBe('idempotency_not_supported');
    expect((await as('f1').post(`/motions/${m.body.id}/votes`, { choice: 1 })).body.code).toBe('not_member');
    expect((await as('p5').post(`/motions/${m.body.id}/votes`, { choice: 7 })).body.errors).toEqual([{ field: 'choice', reason: 'must be an option index 0–2' }]);
    expect((await as('p1').post(`/motions/${m.body.id}/close`, {})).body.code).toBe('not_closed');
    clock.advance(86_400_000 + 1);
    expect((await as('p5').post(`/motions/${m.body.id}/votes`, { choice: 0 })).body.code).toBe('outside_window');
    const closed = await as('p1').post(`/motions/${m.body.id}/close`, {});
    expect(closed.body.result).toMatchObject({ weights: [200, 100, 100], entitled: 500, quorate: true, adopted: 0 });
    expect((await as('p1').post(`/motions/${m.body.id}/close`, {})).body.code).toBe('already_closed');
    expect((await as('p1').get(`/motions/${m.body.id}`)).body.rollCall).toEqual([]);
    // each secret ballot is on the audit chain, without its voter
    const events = await s.testDb.db.query<{ actor: string }>(`select actor from audit_event where action = 'motion.ballot' and subject = $1`, [`motion:${m.body.id}`]);
    expect(events).toEqual(Array(4).fill({ actor: 'anonymous' }));
    // adopted, so the chair forwards it to the cordón, where delegates vote by name
    const fwd = await as('p1').post(`/motions/${m.body.id}/forward`, {});
    expect(fwd.body).toMatchObject({ bodyId: cordon, forwardedFrom: m.body.id, secret: false });
  });

  test('in the cordón: delegates vote by name, weighted by the size of their base', async () => {
    const m = await as('f2').post(`/bodies/${cordon}/motions`, { title: 'Control obrero de la distribución', text: '…', days: 1 });
    expect(m.body.secret).toBe(false);
    await as('f2').post(`/motions/${m.body.id}/votes`, { choice: 0 }); // 3 members behind this vote
    await as('p2').post(`/motions/${m.body.id}/votes`, { choice: 1 }); // 5 members behind this one
    clock.advance(86_400_000 + 1);
    const closed = (await as('p2').post(`/motions/${m.body.id}/close`, {})).body;
    expect(closed.result).toMatchObject({ weights: [300, 500, 0], entitled: 800, adopted: 1 });
    expect(closed.rollCall).toEqual([
      { personId: ids.f2, displayName: 'F2', weight: 300, choice: 0 },
      { personId: ids.p2, displayName: 'P2', weight: 500, choice: 1 },
    ]);
  });

  test('an imperative mandate: a breach is flagged, and where the charter says so the delegate is recalled at once', async () => {
    const m = await as('f2').post(`/bodies/${cordon}/motions`, { title: 'Requisar la fábrica', text: '…', days: 1 });
    // only the base's chair records the mandate, and only for a motion of the body above
    expect((await as('p3').post(`/bodies/${big}/mandates`, { motionId: m.body.id, choice: 0 })).body.code).toBe('not_chair');
    expect((await as('p1').post(`/bodies/${big}/mandates`, { motionId: m.body.id, choice: 0 })).status).toBe(201);
    expect((await as('f1').post(`/bodies/${small}/mandates`, { motionId: m.body.id, choice: 0 })).status).toBe(201);
    expect((await as('p1').post(`/bodies/${big}/mandates`, { motionId: m.body.id, choice: 1 })).body.code).toBe('mandate_exists');
    // Fensa's delegate breaks the mandate: flagged to the base, but Fensa's charter keeps them
    expect((await as('f2').post(`/motions/${m.body.id}/votes`, { choice: 1 })).body).toEqual({ breach: true });
    // Perlak's delegate breaks it: Perlak's charter ends the mandate at once
    expect((await as('p2').post(`/motions/${m.body.id}/votes`, { choice: 1 })).body).toEqual({ breach: true, recalled: true });
    const delegation = (await as('p1').get(`/bodies/${big}/delegation`)).body;
    expect(delegation.seats[0].holder).toBeNull();
    const breaches = await s.testDb.db.query<{ n: number }>('select count(*)::int as n from mandate_breach');
    expect(breaches[0]!.n).toBe(2);
  });

  test('plan variants ranked by the Schulze method', async () => {
    const m = await as('p1').post(`/bodies/${big}/motions`, { title: 'Variante del plan', text: '…', options: ['A', 'B', 'C'], kind: 'ranking', days: 1 });
    for (const [n, r] of [['p1', [1, 0, 2]], ['p3', [1, 2, 0]], ['p4', [0, 1, 2]], ['p5', [2, 1, 0]]] as const) expect((await as(n).post(`/motions/${m.body.id}/votes`, { ranking: r })).status).toBe(201);
    expect((await as('p2').post(`/motions/${m.body.id}/votes`, { ranking: [0, 0] })).status).toBe(400);
    clock.advance(86_400_000 + 1);
    const closed = (await as('p1').post(`/motions/${m.body.id}/close`, {})).body;
    expect(closed.result).toMatchObject({ order: ['B', 'A', 'C'], adopted: 1, quorate: true });
  });
});

describe('many secret votes at once', () => {
  test('written together, each voter still gets their own answer: receipt, already voted, or not a member', async () => {
    const sys = { ...s.system, clock };
    const crowd = (await createBody(sys, { kind: 'workplace', name: 'Sumar Algodón', parentId: cordon })).id;
    const people = await Promise.all(Array.from({ length: 40 }, (_, i) => addPerson(sys, { username: `crowd${i}`, displayName: `Crowd ${i}` })));
    await addMembers(sys, crowd, people.slice(0, 30).map((p) => p.id));
    const m = (await as('p1').post(`/bodies/${big}/motions`, { title: 'x', text: 'x' })).body; // Perlak's: the crowd is not in it
    const { proposeMotion, voteMotion } = await import('../../src/councils/index.js');
    const motion = await proposeMotion({ ...sys, actor: { kind: 'person', id: people[0]!.id, isAdmin: false } }, { bodyId: crowd, title: 'Huelga', text: '…', days: 1 });
    const vote = (i: number, motionId = motion.id) => voteMotion({ ...sys, actor: { kind: 'person', id: people[i]!.id, isAdmin: false } }, motionId, { choice: i % 3 });
    // 30 members, 10 of them twice, 10 people who are not members, and one vote on a motion of another body
    const attempts = [...people.keys()].flatMap((i) => (i < 10 ? [i, i] : [i]));
    const { secretBallotStats } = await import('../../src/councils/motions.js');
    const before = { ...secretBallotStats(s.testDb.db) };
    const results = await Promise.allSettled([...attempts.map((i) => vote(i)), vote(5, m.id)]);
    // they went to the database together, and no batch had to be taken apart
    const after = secretBallotStats(s.testDb.db);
    expect(after.batches).toBeGreaterThan(before.batches);
    expect(after.fallbacks).toBe(before.fallbacks);
    const outcome = results.map((r) => (r.status === 'fulfilled' ? 'receipt' : (r.reason as { code: string }).code));
    const count = (x: string) => outcome.filter((o) => o === x).length;
    expect({ receipt: count('receipt'), already: count('already_voted'), notMember: count('not_member') }).toEqual({ receipt: 30, already: 10, notMember: 11 });
    // held, or already mixed by the server's mixer
    const [{ n }] = await s.testDb.db.query<{ n: number }>(
      'select ((select count(*) from motion_ballot_held where motion_id = $1) + (select count(*) from motion_ballot where motion_id = $1))::int as n',
      [motion.id],
    );
    expect(n).toBe(30);
    // once everything held is mixed, each ballot has its receipt event, without its voter
    const { flushHeld } = await import('../../src/councils/index.js');
    await s.testDb.db.transaction((tx) => flushHeld(tx, { clock, ids: s.system.ids }, 'motion', motion.id));
    const [{ a }] = await s.testDb.db.query<{ a: number }>(`select count(*)::int as a from audit_event where action = 'motion.ballot' and subject = $1 and actor = 'anonymous'`, [`motion:${motion.id}`]);
    expect(a).toBe(30);
    // whatever way each ballot went (mixed in its batch, or held for the mixer), a counted
    // ballot or receipt event shares its transaction with no voter mark, or with at least MIX_AT
    const { MIX_AT } = await import('../../src/councils/index.js');
    const marks = new Map<string, number>();
    for (const r of await s.testDb.db.query<{ x: string }>('select xmin::text as x from motion_voter where motion_id = $1', [motion.id])) marks.set(r.x, (marks.get(r.x) ?? 0) + 1);
    const linked = await s.testDb.db.query<{ x: string }>(
      `select xmin::text as x from motion_ballot where motion_id = $1
       union all select xmin::text from audit_event where action = 'motion.ballot' and subject = 'motion:' || $1`,
      [motion.id],
    );
    for (const { x } of linked) expect([0, ...Array.from({ length: 100 }, (_, i) => MIX_AT + i)]).toContain(marks.get(x) ?? 0);
    // every receipt finds its ballot
    for (const r of results.slice(0, 5)) if (r.status === 'fulfilled') expect((await new Client(s.url).get(`/motions/${motion.id}/receipts/${r.value.receipt}`)).status).toBe(200);
  });
});

describe('the ballot mixer', () => {
  test('no row written with a voter mark — nor its audit event — shares a transaction with a counted ballot or its receipt', async () => {
    const sys = { ...s.system, clock };
    const body = (await createBody(sys, { kind: 'workplace', name: 'Mezcla', parentId: cordon })).id;
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => addPerson(sys, { username: `mix${i}`, displayName: `Mix ${i}` })));
    await addMembers(sys, body, people.map((p) => p.id));
    const { proposeMotion, voteMotion, mixBallots, closeMotion, flushHeld } = await import('../../src/councils/index.js');
    const as = (i: number) => ({ ...sys, actor: { kind: 'person' as const, id: people[i]!.id, isAdmin: false } });
    const m = await proposeMotion(as(0), { bodyId: body, title: 'Mezcla', text: '…', days: 1 });
    // one at a time, each in its own transaction: the case batching alone does not protect
    const receipts: string[] = [];
    for (let i = 0; i < 12; i++) receipts.push((await voteMotion(as(i), m.id, { choice: i % 2 })).receipt!);
    // held until there are enough to mix; receipts already check
    expect((await new Client(s.url).get(`/motions/${m.id}/receipts/${receipts[3]}`)).status).toBe(200);
    // (the server's own mixer may already have mixed them; this moves whatever is left)
    expect(await mixBallots(s.testDb.db, { clock, ids: s.system.ids }, 10)).toBeGreaterThanOrEqual(0);
    await s.testDb.db.transaction((tx) => flushHeld(tx, { clock, ids: s.system.ids }, 'motion', m.id));
    expect((await s.testDb.db.query('select 1 from motion_ballot_held where motion_id = $1', [m.id])).length).toBe(0);
    const xmins = async (sql: string) => new Set((await s.testDb.db.query<{ x: string }>(sql, [m.id])).map((r) => r.x));
    const voters = await xmins('select xmin::text as x from motion_voter where motion_id = $1');
    const ballots = await xmins('select xmin::text as x from motion_ballot where motion_id = $1');
    const receiptEvents = await xmins(`select xmin::text as x from audit_event where action = 'motion.ballot' and subject = 'motion:' || $1`);
    expect(voters.size).toBe(12);
    expect(ballots.size).toBeLessThanOrEqual(2); // one or two mixing transactions for all twelve
    for (const x of [...ballots, ...receiptEvents]) expect(voters.has(x)).toBe(false);
    clock.advance(86_400_000 + 1);
    const closed = await closeMotion(sys, m.id);
    expect(closed.result).toMatchObject({ weights: [600, 600, 0] });
  });
});

describe('secrecy by charter', () => {
  test("a body whose charter says its members vote by name gets roll-call motions by default", async () => {
    const sys = { ...s.system, clock };
    const open = (await createBody(sys, { kind: 'workplace', name: 'Sumar', parentId: cordon, charter: { secrecy: { members: 'roll_call' } } })).id;
    await addMembers(sys, open, [ids.nobody!]);
    const m = (await as('nobody').post(`/bodies/${open}/motions`, { title: 'A mano alzada', text: '…' })).body;
    expect(m.secret).toBe(false);
    await expect(createBody(sys, { kind: 'workplace', name: 'X', charter: { secrecy: 'none' } })).rejects.toMatchObject({ errors: [{ field: 'charter/secrecy' }] });
  });
});

describe('amendments', () => {
  test('settled before the vote: an adopted amendment replaces the text; none once voting has begun', async () => {
    const m = (await as('p1').post(`/bodies/${big}/motions`, { title: 'Turnos', text: 'Tres turnos de 8 horas.', days: 2 })).body;
    // the amendment must be settled before the motion closes, and must change the text
    expect((await as('p3').post(`/bodies/${big}/motions`, { title: 'Enmienda', text: 'x', amends: m.id, days: 3 })).body.errors[0].field).toBe('days');
    expect((await as('p3').post(`/bodies/${big}/motions`, { title: 'Enmienda', text: m.text, amends: m.id, days: 1 })).body.errors[0].field).toBe('text');
    expect((await as('p3').post(`/bodies/${big}/motions`, { title: 'Enmienda', text: 'x', amends: m.id, options: ['a', 'b'], days: 1 })).body.errors[0].field).toBe('amends');
    const a = (await as('p3').post(`/bodies/${big}/motions`, { title: 'Enmienda: cuatro turnos', text: 'Cuatro turnos de 6 horas.', amends: m.id, days: 1 })).body;
    expect(a).toMatchObject({ amends: m.id, secret: true });
    // while the amendment is open the motion takes no votes — the database refuses them
    const early = await as('p2').post(`/motions/${m.id}/votes`, { choice: 0 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'amendments_pending', errors: [{ field: 'motionId' }] });
    for (const n of ['p1', 'p3', 'p4']) expect((await as(n).post(`/motions/${a.id}/votes`, { choice: 0 })).status).toBe(201);
    clock.advance(86_400_000 + 1);
    // the sweep closes what is due, and applies the adopted amendment
    const { sweepDueMotions } = await import('../../src/councils/index.js');
    expect(await sweepDueMotions(s.system.db, clock, s.system.ids, s.system.log)).toBeGreaterThanOrEqual(1);
    const amended = (await as('p1').get(`/motions/${m.id}`)).body;
    expect(amended.text).toBe('Cuatro turnos de 6 horas.');
    expect(amended.amendments).toEqual([expect.objectContaining({ id: a.id, status: 'closed', replacedText: 'Tres turnos de 8 horas.', appliedAt: expect.any(String) })]);
    expect((await as('p2').post(`/motions/${m.id}/votes`, { choice: 0 })).status).toBe(201);
    // voting has begun: no more amendments
    expect((await as('p3').post(`/bodies/${big}/motions`, { title: 'Otra', text: 'Dos turnos.', amends: m.id, days: 1 })).body.code).toBe('voting_started');
    const events = await s.testDb.db.query<{ amendment: string }>(`select payload::jsonb->>'amendment' as amendment from audit_event where action = 'motion.amend' and subject = $1`, [`motion:${m.id}`]);
    expect(events.map((e) => e.amendment)).toEqual([a.id]);
  });
});

describe('results are final', () => {
  test('the database refuses to change a closed motion or its votes', async () => {
    const [m] = await s.testDb.db.query<{ id: string }>(`select id from motion where status = 'closed' limit 1`);
    await expect(s.testDb.db.query(`update motion set title = 'rewritten' where id = $1`, [m!.id])).rejects.toMatchObject({ code: '23514' });
    await expect(s.testDb.db.query(`delete from motion_ballot where motion_id = $1`, [m!.id])).rejects.toThrow(/results are final/);
    const [open] = await s.testDb.db.query<{ id: string }>(`select id from motion where status = 'closed' and not secret limit 1`);
    await expect(s.testDb.db.query(`update motion_vote set choice = 2 where motion_id = $1`, [open!.id])).rejects.toThrow(/results are final/);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { countStv, parseBlt } from '../../src/councils/counting/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// A federation three levels deep: a workplace elects a delegate to the cordón, the
// cordón elects one to the national assembly. Then the workplace recalls its delegate.
let s: TestServer;
const clock = new ManualClock('2026-09-04T08:00:00Z');
const people: Record<string, { id: string; client: Client }> = {};
let assembly: string, cordon: string, sumar: string, madeco: string;

async function person(name: string) {
  const p = await s.addPerson({ username: name, password: `${name}-password`, displayName: name });
  const client = new Client(s.url);
  await client.login(name, `${name}-password`);
  people[name] = { id: p.id, client };
  return p.id;
}
const as = (name: string) => people[name]!.client;
const id = (name: string) => people[name]!.id;

async function elect(constituency: string, chair: string, candidates: string[], votes: string[][]) {
  const call = await as(chair).post(`/bodies/${constituency}/elections`, { candidates: candidates.map(id), days: 1 });
  expect(call.status, JSON.stringify(call.body)).toBe(201);
  const receipts: string[] = [];
  for (const [voter, ...ranking] of votes) {
    const r = await as(voter!).post(`/elections/${call.body.id}/ballots`, { ranking: ranking.map(id) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    receipts.push(r.body.receipt);
  }
  clock.advance(86_400_000 + 1000);
  const counted = await as(chair).post(`/elections/${call.body.id}/count`, {});
  expect(counted.status, JSON.stringify(counted.body)).toBe(200);
  return { election: call.body.id as string, receipts, counted: counted.body };
}

beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } }); // the clock moves days ahead
  const sys = { ...s.system, clock };
  assembly = (await createBody(sys, { kind: 'national_assembly', name: 'Asamblea Popular' })).id;
  cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Vicuña Mackenna', parentId: assembly })).id;
  sumar = (await createBody(sys, { kind: 'workplace', name: 'Sumar', parentId: cordon })).id;
  madeco = (await createBody(sys, { kind: 'workplace', name: 'Madeco', parentId: cordon })).id;
  for (const n of ['ana', 'beto', 'carla', 'dario', 'elena']) await person(n);
  for (const n of ['fabio', 'gina', 'hugo']) await person(n);
  await person('outsider');
  await addMembers(sys, sumar, ['ana', 'beto', 'carla', 'dario', 'elena'].map(id));
  await addMembers(sys, madeco, ['fabio', 'gina', 'hugo'].map(id));
  await grantOffice(sys, { bodyId: sumar, personId: id('ana'), title: 'chair' });
  await grantOffice(sys, { bodyId: madeco, personId: id('fabio'), title: 'chair' });
});
afterAll(() => s.close());

describe('elections and instant recall', () => {
  test('a workplace elects its delegate by secret ballot; the delegate becomes a member of the cordón', async () => {
    const { counted, receipts, election } = await elect(sumar, 'ana', ['beto', 'carla'], [
      ['ana', 'beto'], ['beto', 'beto'], ['carla', 'carla', 'beto'], ['dario', 'beto'], ['elena', 'carla'],
    ]);
    expect(counted.elected).toEqual([id('beto')]);
    const delegation = (await as('ana').get(`/bodies/${sumar}/delegation`)).body;
    expect(delegation).toMatchObject({ members: 5, recallThreshold: 3, seats: [{ holder: { personId: id('beto') }, withdrawals: 0 }] });
    // each voter finds their ballot, unchanged, in the published list
    const result = (await new Client(s.url).get(`/elections/${election}/result`)).body;
    expect(result).toMatchObject({ method: 'stv', elected: [id('beto')], quota: 3 });
    expect(result.stages[0].votes).toEqual({ [id('beto')]: 3, [id('carla')]: 2 });
    const published = (await new Client(s.url).get(`/elections/${election}/ballots`)).body;
    expect(published).toHaveLength(5);
    const mine = (await new Client(s.url).get(`/elections/${election}/receipts/${receipts[2]}`)).body;
    expect(mine.ranking).toEqual([id('carla'), id('beto')]);
    // nothing in the database links a voter to a ballot
    const ballotCols = (await s.testDb.db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'election_ballot' and table_schema = current_schema()`)).map((r) => r.column_name);
    expect(ballotCols.sort()).toEqual(['election_id', 'id', 'ranking', 'receipt_hash']);
    // anyone can recount the published ballots with any counter
    const blt = await fetch(`${s.url}/elections/${election}/ballots.blt`);
    expect(blt.headers.get('content-type')).toMatch(/text\/plain/);
    const recount = countStv(parseBlt(await blt.text()));
    expect(recount.elected).toEqual(['beto']);
    const ballotEvents = await s.testDb.db.query<{ actor: string }>(`select actor from audit_event where action in ('election.ballot', 'election.ballot_held')`);
    expect(ballotEvents.length).toBeGreaterThan(0);
    expect(ballotEvents.every((e) => e.actor === 'anonymous')).toBe(true);
  });

  test('an election in which nobody voted cannot be counted, and changes nothing', async () => {
    const call = await as('fabio').post(`/bodies/${madeco}/elections`, { candidates: [id('gina')], days: 1 });
    clock.advance(86_400_000 + 1000);
    const r = await as('fabio').post(`/elections/${call.body.id}/count`, {});
    expect([r.status, r.body.code]).toEqual([409, 'no_ballots']);
    expect((await as('fabio').get(`/elections/${call.body.id}`)).body.status).toBe('open');
  });

  test('bad ballots are refused and change nothing', async () => {
    const call = await as('fabio').post(`/bodies/${madeco}/elections`, { candidates: [id('gina'), id('hugo')], days: 1 });
    const e = call.body.id;
    const ballots = async () =>
      (await s.testDb.db.query<{ n: number }>('select (select count(*) from election_ballot where election_id = $1) + (select count(*) from election_ballot_held where election_id = $1) as n', [e]))[0]!.n;
    expect((await as('outsider').post(`/elections/${e}/ballots`, { ranking: [id('gina')] })).body.code).toBe('not_member');
    expect((await as('beto').post(`/elections/${e}/ballots`, { ranking: [id('gina')] })).body.code).toBe('not_member'); // a delegate cannot vote in another base
    expect((await as('gina').post(`/elections/${e}/ballots`, { ranking: [id('ana')] })).body.errors).toEqual([{ field: 'ranking/0', reason: 'is not a candidate in this election' }]);
    expect((await as('gina').post(`/elections/${e}/ballots`, { ranking: [id('gina'), id('gina')] })).status).toBe(400);
    expect((await as('gina').post(`/elections/${e}/ballots`, { ranking: [id('gina')] })).status).toBe(201);
    expect((await as('gina').post(`/elections/${e}/ballots`, { ranking: [id('hugo')] })).body.code).toBe('already_voted');
    expect((await new Client(s.url).get(`/elections/${e}/receipts/R-forged-receipt-000`)).body.code).toBe('unknown_receipt');
    expect((await as('fabio').post(`/elections/${e}/count`, {})).body.code).toBe('not_closed');
    await as('fabio').post(`/elections/${e}/ballots`, { ranking: [id('gina')] });
    await as('hugo').post(`/elections/${e}/ballots`, { ranking: [id('hugo')] });
    clock.advance(86_400_000 + 1000);
    expect((await as('hugo').post(`/elections/${e}/ballots`, { ranking: [id('hugo')] })).body.code).toBe('outside_window');
    expect(await ballots()).toBe(3);
    expect((await as('fabio').post(`/elections/${e}/count`, {})).body.elected).toEqual([id('gina')]);
    expect((await as('fabio').post(`/elections/${e}/count`, {})).body.code).toBe('already_counted');
  });

  test('the cordón elects its delegate to the national assembly from the delegates sent up', async () => {
    // members of the cordón are the delegates now holding its seats: beto and gina
    await grantOffice({ ...s.system, clock }, { bodyId: cordon, personId: id('beto'), title: 'chair' });
    const { counted } = await elect(cordon, 'beto', ['beto', 'gina'], [['beto', 'beto'], ['gina', 'beto']]);
    expect(counted.elected).toEqual([id('beto')]);
  }, 30_000);

  test('a recall by a non-member is refused; restoring confidence is allowed', async () => {
    const seat = (await as('ana').get(`/bodies/${sumar}/delegation`)).body.seats[0].seatId;
    expect((await as('outsider').post(`/seats/${seat}/withdraw-confidence`, {})).body.code).toBe('not_member');
    expect((await as('gina').post(`/seats/${seat}/withdraw-confidence`, {})).body.code).toBe('not_member'); // another base's member
    expect((await as('ana').post(`/seats/${seat}/withdraw-confidence`, {})).body).toMatchObject({ withdrawals: 1, threshold: 3, vacated: [] });
    expect((await as('ana').post(`/seats/${seat}/withdraw-confidence`, {})).body.code).toBe('already_withdrawn');
    expect((await as('ana').get(`/bodies/${sumar}/delegation`)).body.seats[0]).toMatchObject({ withdrawals: 1, withdrawnByMe: true });
    expect((await as('carla').get(`/bodies/${sumar}/delegation`)).body.seats[0]).toMatchObject({ withdrawals: 1, withdrawnByMe: false });
    expect((await as('ana').post(`/seats/${seat}/restore-confidence`, {})).body).toEqual({ withdrawals: 0 });
  });

  test('an absolute majority of the base recalls its delegate at once, and the recall cascades up every level', async () => {
    const seat = (await as('ana').get(`/bodies/${sumar}/delegation`)).body.seats[0].seatId;
    const assemblySeat = (await as('beto').get(`/bodies/${cordon}/delegation`)).body.seats[0].seatId;
    await as('ana').post(`/seats/${seat}/withdraw-confidence`, {});
    await as('carla').post(`/seats/${seat}/withdraw-confidence`, {});
    const third = await as('dario').post(`/seats/${seat}/withdraw-confidence`, {});
    expect(third.body.withdrawals).toBe(3);
    expect(third.body.vacated).toEqual([
      { seatId: seat, bodyId: cordon },
      { seatId: assemblySeat, bodyId: assembly },
    ]);
    expect(third.body.byElections).toHaveLength(2);
    // beto is no longer a member of the cordón or the assembly
    expect((await as('beto').get(`/bodies/${cordon}/delegation`)).body.seats[0].holder).toBeNull();
    const [{ n }] = await s.testDb.db.query<{ n: number }>('select count(*)::int as n from seat where holder_id = $1', [id('beto')]);
    expect(n).toBe(0);
    const events = (await s.testDb.db.query<{ action: string }>(`select action from audit_event where action like 'seat.%' or action = 'election.call' order by seq`)).map((r) => r.action);
    expect(events).toContain('seat.recall');
  });

  test('the by-election refills the seat', async () => {
    const by = (await s.testDb.db.query<{ id: string }>(`select id from election where constituency_id = $1 and status = 'nominating'`, [sumar]))[0]!.id;
    expect((await as('carla').post(`/elections/${by}/candidates`, {})).status).toBe(200);
    expect((await as('carla').post(`/elections/${by}/open`, { days: 1 })).body.code).toBe('not_chair');
    expect((await as('ana').post(`/elections/${by}/open`, { days: 1 })).body.status).toBe('open');
    for (const v of ['ana', 'carla', 'dario']) expect((await as(v).post(`/elections/${by}/ballots`, { ranking: [id('carla')] })).status).toBe(201);
    clock.advance(86_400_000 + 1000);
    expect((await as('ana').post(`/elections/${by}/count`, {})).body.elected).toEqual([id('carla')]);
    expect((await as('ana').get(`/bodies/${sumar}/delegation`)).body.seats[0].holder.personId).toBe(id('carla'));
  });

  test('a cycle of parents is refused', async () => {
    await s.addPerson({ username: 'root', password: 'root-password', displayName: 'Root', isAdmin: true });
    const admin = new Client(s.url);
    await admin.login('root', 'root-password');
    const r = await admin.request('PATCH', `/bodies/${assembly}`, { json: { parentId: sumar } });
    expect([r.status, r.body.code]).toEqual([400, 'body_cycle']);
  });
});

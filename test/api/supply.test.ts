import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// A cordón with two people's supply committees (JAPs); Marta runs the register and the
// desk of JAP Norte, Pedro those of JAP Sur; Vecina is a member of Norte with no office.
let s: TestServer;
const clock = new ManualClock('2026-11-02T09:00:00Z');
const c: Record<string, Client> = {};
let cordon: string, norte: string, sur: string;
const h: Record<string, { id: string; card: string }> = {};
let period: string;

beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  const sys = { ...s.system, clock };
  cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Vicuña Mackenna' })).id;
  norte = (await createBody(sys, { kind: 'supply_committee', name: 'JAP Norte', parentId: cordon })).id;
  sur = (await createBody(sys, { kind: 'supply_committee', name: 'JAP Sur', parentId: cordon })).id;
  for (const n of ['admin', 'marta', 'pedro', 'vecina']) {
    const p = await s.addPerson({ username: n, password: `${n}-password`, displayName: n, isAdmin: n === 'admin' });
    c[n] = new Client(s.url);
    await c[n]!.login(n, `${n}-password`);
    if (n === 'marta' || n === 'vecina') await addMembers(sys, norte, [p.id]);
    if (n === 'pedro') await addMembers(sys, sur, [p.id]);
    if (n === 'marta') await grantOffice(sys, { bodyId: norte, personId: p.id, title: 'supply_officer' });
    if (n === 'pedro') await grantOffice(sys, { bodyId: sur, personId: p.id, title: 'supply_officer' });
  }
});
afterAll(() => s.close());

describe('households', () => {
  test('an officer registers households; each gets a card; counts come from birth dates', async () => {
    const r = await c.marta!.post(`/supply/committees/${norte}/households`, {
      ref: 'N-1',
      zone: 'Villa Francia',
      address: 'Pasaje 3, casa 12',
      members: [
        { name: 'Ana Pérez Soto', birthDate: '1985-04-02' },
        { name: 'Luis Pérez', birthDate: '1983-01-20' },
        { name: 'Inés Pérez', birthDate: '2016-05-01' },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.card).toMatch(/^[0-9A-Y]{4}-[0-9A-Y]{6}$/);
    expect(r.body.counts).toMatchObject({ people: 3, adults: 2, children: 1, infants: 0 });
    h.n1 = { id: r.body.id, card: r.body.card };
    const r2 = await c.marta!.post(`/supply/committees/${norte}/households`, { ref: 'N-2', address: 'Pasaje 5', members: [{ name: 'Rosa Díaz', birthDate: '1950-07-07', needs: ['chronic_illness'] }] });
    expect(r2.body.counts).toMatchObject({ adults: 1, special: true });
    h.n2 = { id: r2.body.id, card: r2.body.card };
  });

  test('bad households are refused naming the field, and change nothing', async () => {
    const bad = await c.marta!.post(`/supply/committees/${norte}/households`, { ref: 'N-9', members: [{ name: 'X', birthDate: '2030-01-01', needs: ['wings'] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'members/0/birthDate', reason: 'must be from 1900 up to today' },
      { field: 'members/0/needs', reason: expect.stringMatching(/^"wings" is not a special need here/) },
    ]);
    expect((await c.vecina!.post(`/supply/committees/${norte}/households`, { ref: 'N-9', members: [{ name: 'X', birthDate: '2000-01-01' }] })).body.code).toBe('not_officer');
    expect((await c.pedro!.post(`/supply/committees/${norte}/households`, { ref: 'N-9', members: [{ name: 'X', birthDate: '2000-01-01' }] })).body.code).toBe('not_officer');
    expect((await c.marta!.post(`/supply/committees/${norte}/households`, { ref: 'N-1', members: [{ name: 'X', birthDate: '2000-01-01' }] })).body.code).toBe('duplicate_ref');
    expect((await c.marta!.post(`/supply/committees/${cordon}/households`, { ref: 'N-9', members: [{ name: 'X', birthDate: '2000-01-01' }] })).body.code).toBe('not_supply_committee');
    const [{ n }] = await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from household where ref = 'N-9'`);
    expect(n).toBe(0);
  });

  test('the register file: errors by line and field, a dry run, --skip-invalid; duplicates flagged, never merged', async () => {
    const csv = [
      'household,zone,address,name,birth_date,needs',
      'S-1,Sur,"Calle 1, 10",Carmen Rojas,1970-03-03,',
      'S-1,Sur,"Calle 1, 10",Pablo Rojas,2026-06-01,infant',
      'S-2,Sur,Calle 2,Jorge Ruiz,1990-13-01,', // no 13th month
      'S-3,Sur,Calle 3,Ana Perez Soto,1985-04-02,', // the same person as in N-1
      'S-4,Sur,Calle 4,,1990-01-01,',
    ].join('\r\n');
    const refused = await c.pedro!.request('POST', `/supply/committees/${sur}/households/import`, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'bad_file',
      errors: [
        { field: 'lines/4/birth_date', reason: 'is not a real date, got "1990-13-01"' },
        { field: 'lines/6/name', reason: 'must not be empty' },
      ],
    });
    const dry = await c.pedro!.request('POST', `/supply/committees/${sur}/households/import?dryRun=true&skipInvalid=true`, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(dry.body).toMatchObject({ dryRun: true, written: false, households: 2, members: 3 });
    expect((await s.testDb.db.query(`select 1 from household where committee_id = $1`, [sur])).length).toBe(0);
    const done = await c.pedro!.request('POST', `/supply/committees/${sur}/households/import?skipInvalid=true`, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(done.body).toMatchObject({ written: true, households: 2, members: 3, skipped: 2, duplicates: 1 });
    const dups = (await c.pedro!.get(`/supply/committees/${sur}/duplicates`)).body;
    expect(dups).toEqual([expect.objectContaining({ member: 'Ana Pérez Soto', other: 'Ana Perez Soto', reason: 'same birth date, similar name, another committee' })]);
    // Pedro decides they are the same person and she leaves the Sur household
    const resolved = await c.pedro!.post(`/supply/duplicates/${dups[0].id}/resolve`, { resolution: 'remove_other' });
    expect(resolved.status).toBe(200);
    expect((await c.pedro!.get(`/supply/committees/${sur}/duplicates`)).body).toEqual([]);
    const found = (await c.pedro!.get(`/supply/committees/${sur}/households?name=rojas`)).body;
    expect(found.map((x: { ref: string }) => x.ref)).toEqual(['S-1']);
    h.s1 = { id: found[0].id, card: found[0].card };
  });
});

describe('goods and the stock ledger', () => {
  test('goods in whole units; deliveries, losses with a reason, counts, transfers; never below zero', async () => {
    expect((await c.admin!.post('/supply/goods', { code: 'flour', name: 'Harina', unit: 'g', needRule: { kind: 'equivalent_adult', perAdult: 1000 } })).status).toBe(201);
    expect((await c.admin!.post('/supply/goods', { code: 'milk', name: 'Leche', unit: 'ml', needRule: { kind: 'per_child', perChild: 2000 } })).status).toBe(201);
    expect((await c.admin!.post('/supply/goods', { code: 'sugar', name: 'Azúcar', unit: 'kg', needRule: { kind: 'equivalent_adult', perAdult: 1 } })).body.errors).toEqual([{ field: 'unit', reason: 'must be one of g, ml, piece' }]);
    expect((await c.marta!.post('/supply/goods', { code: 'tea', name: 'Té', unit: 'g', needRule: { kind: 'per_child', perChild: 1 } })).status).toBe(403);
    const move = (who: string, committee: string, body: Record<string, unknown>) => c[who]!.post(`/supply/committees/${committee}/stock`, body);
    expect((await move('marta', norte, { kind: 'delivery', good: 'flour', quantity: 2600 })).body).toEqual({ moved: 2600, balance: 2600 });
    expect((await move('marta', norte, { kind: 'delivery', good: 'milk', quantity: 1500 })).status).toBe(201);
    expect((await move('marta', norte, { kind: 'delivery', good: 'flour', quantity: 0 })).body.errors[0].field).toBe('quantity');
    expect((await move('marta', norte, { kind: 'delivery', good: 'rice', quantity: 5 })).body.code).toBe('unknown_good');
    expect((await move('marta', norte, { kind: 'loss', good: 'flour', quantity: 5 })).body.errors[0].field).toBe('reason');
    expect((await move('marta', norte, { kind: 'loss', good: 'flour', quantity: 100, reason: 'gorgojos' })).body.balance).toBe(2500);
    expect((await move('marta', norte, { kind: 'transfer', good: 'flour', quantity: 99_999, toCommittee: sur })).body.code).toBe('insufficient_stock');
    expect((await move('marta', norte, { kind: 'transfer', good: 'flour', quantity: 200, toCommittee: sur })).body.balance).toBe(2300);
    expect((await move('pedro', norte, { kind: 'delivery', good: 'flour', quantity: 1 })).body.code).toBe('not_officer');
    // a physical count finds 2,250: the ledger records the 50 missing
    expect((await move('marta', norte, { kind: 'count', good: 'flour', quantity: 2250 })).body).toEqual({ moved: 50, balance: 2250, difference: -50 });
    // the database itself refuses a balance below zero, whatever the code does
    await expect(
      s.testDb.db.query(`insert into stock_move (id, good_id, kind, from_committee, quantity, reason, at) select $1, id, 'loss', $2, 1000000, 'x', now() from good where code = 'flour'`, [randomUUID(), norte]),
    ).rejects.toMatchObject({ code: '23514' });
    const ledger = (await c.marta!.get(`/supply/committees/${norte}/stock`)).body;
    expect(ledger.find((l: { good: string }) => l.good === 'flour')).toMatchObject({ balance: 2250, delivered: 2600, lost: 100, transfer_out: 200, count_out: 50, balanced: true });
  });
});

describe('a ration period', () => {
  test('periods do not overlap; rations are computed from stock and need', async () => {
    const p = await c.admin!.post('/supply/periods', { name: 'Semana 45', starts: '2026-11-02', ends: '2026-11-08', goods: ['flour', 'milk'] });
    expect(p.status).toBe(201);
    period = p.body.id;
    expect((await c.admin!.post('/supply/periods', { name: 'Otra', starts: '2026-11-08', ends: '2026-11-14', goods: ['flour'] })).body.code).toBe('overlapping_period');
    const r = await c.marta!.post(`/supply/periods/${period}/rations`, { committeeId: norte });
    expect(r.status).toBe(200);
    // Norte needs 1000 × 1.8 (N-1: two adults and a child) + 1000 (N-2) = 2800 g of flour and has 2250
    expect(r.body.goods).toEqual([
      { good: 'flour', stock: 2250, need: 2800, allocated: 2250, unmet: 550 },
      { good: 'milk', stock: 1500, need: 2000, allocated: 1500, unmet: 500 },
    ]);
    const e = (await c.marta!.get(`/supply/periods/${period}/households/${h.n1!.id}`)).body;
    expect(e.map((x: { good: string; need: number }) => [x.good, x.need])).toEqual([['flour', 1800], ['milk', 2000]]);
    expect(e[0].ration + (await c.marta!.get(`/supply/periods/${period}/households/${h.n2!.id}`)).body[0].ration).toBe(2250);
    expect((await c.pedro!.post(`/supply/periods/${period}/rations`, { committeeId: norte })).body.code).toBe('not_officer');
  });

  test('pickups: never beyond the entitlement, never twice, only by the committee’s officers', async () => {
    const e = (await c.marta!.get(`/supply/periods/${period}/households/${h.n1!.id}`)).body;
    const flour = e[0].ration as number;
    const id = randomUUID();
    const pickup = { id, card: h.n1!.card.toLowerCase().replace('-', ' '), point: 'Sede, mesa 1', lines: [{ good: 'flour', quantity: 500 }] };
    const first = await c.marta!.post('/supply/pickups', pickup);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ replay: false, lines: [{ good: 'flour', quantity: 500, left: flour - 500 }] });
    // the same pickup sent again (a retry, a re-sync): recorded once
    expect((await c.marta!.post('/supply/pickups', pickup)).body).toMatchObject({ replay: true, lines: [{ good: 'flour', quantity: 500, left: flour - 500 }] });
    expect((await c.marta!.post('/supply/pickups', { ...pickup, lines: [{ good: 'flour', quantity: 1 }] })).body.code).toBe('pickup_id_reused');
    const beyond = await c.marta!.post('/supply/pickups', { ...pickup, id: randomUUID(), lines: [{ good: 'flour', quantity: flour }] });
    expect(beyond.status).toBe(409);
    expect(beyond.body).toMatchObject({ code: 'beyond_entitlement', errors: [{ field: 'lines/0/quantity', reason: `only ${flour - 500} left of this household's ration of flour`, max: flour - 500 }] });
    const fresh = () => ({ ...pickup, id: randomUUID() });
    expect((await c.pedro!.post('/supply/pickups', fresh())).body.code).toBe('other_committee');
    expect((await c.vecina!.post('/supply/pickups', fresh())).body.code).toBe('not_officer');
    expect((await c.marta!.post('/supply/pickups', { ...fresh(), card: 'ZZZZ-ZZZZZZ' })).body.code).toBe('bad_card');
    expect((await c.marta!.post('/supply/pickups', { ...fresh(), card: '0000-000000' })).body.code).toBe('unknown_card');
    expect((await c.marta!.post('/supply/pickups', { ...fresh(), lines: [{ good: 'flour', quantity: 0 }] })).body.errors[0].field).toBe('lines/0/quantity');
    expect((await c.marta!.post('/supply/pickups', { ...fresh(), lines: [{ good: 'sugar', quantity: 1 }] })).body.code).toBe('unknown_good');
    // a lost card is revoked and reissued: the old one no longer works
    const reissued = await c.marta!.post(`/supply/households/${h.n1!.id}/card`, {});
    expect((await c.marta!.post('/supply/pickups', fresh())).body.code).toBe('revoked_card');
    h.n1!.card = reissued.body.card;
    const [{ n }] = await s.testDb.db.query<{ n: number }>('select count(*)::int as n from pickup');
    expect(n).toBe(1);
  });

  test('two desks record the same household at the same moment: exactly one succeeds', async () => {
    const left = (await c.marta!.get(`/supply/periods/${period}/households/${h.n1!.id}`)).body[0].left as number;
    const desk = () => c.marta!.post('/supply/pickups', { id: randomUUID(), card: h.n1!.card, point: 'mesa', lines: [{ good: 'flour', quantity: left }] });
    const answers = await Promise.all([desk(), desk()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const after = (await c.marta!.get(`/supply/periods/${period}/households/${h.n1!.id}`)).body[0];
    expect(after).toMatchObject({ collected: after.ration, left: 0 });
    expect((await c.marta!.post(`/supply/periods/${period}/rations`, { committeeId: norte })).body.code).toBe('pickups_started');
  });

  test('many pickups at once are written together; each still gets its own answer', async () => {
    const sys = { ...s.system, clock };
    const centro = (await createBody(sys, { kind: 'supply_committee', name: 'JAP Centro', parentId: cordon })).id;
    const [{ id: martaId }] = await s.testDb.db.query<{ id: string }>(`select id from person where username = 'marta'`);
    await addMembers(sys, centro, [martaId!]);
    await grantOffice(sys, { bodyId: centro, personId: martaId!, title: 'chair' });
    const { registerHousehold, recordStockMove, computeRations } = await import('../../src/supply/index.js');
    const asMarta = { ...sys, actor: { kind: 'person' as const, id: martaId!, isAdmin: false } };
    const cards: string[] = [];
    for (let i = 0; i < 30; i++) cards.push((await registerHousehold(asMarta, { committeeId: centro, ref: `C-${i}`, members: [{ name: `Persona ${i} Centro`, birthDate: `19${50 + i}-03-0${1 + (i % 9)}` }] })).card!);
    await recordStockMove(asMarta, { kind: 'delivery', committeeId: centro, good: 'flour', quantity: 30 * 1000 });
    await computeRations(asMarta, { periodId: period, committeeId: centro });
    const { pickupBatchStats } = await import('../../src/supply/pickups.js');
    const before = { ...pickupBatchStats(s.testDb.db) };
    const pick = (card: string, quantity: number, id = randomUUID()) => c.marta!.post('/supply/pickups', { id, card, point: 'mesa 2', lines: [{ good: 'flour', quantity }] });
    const replayId = randomUUID();
    const live = new AbortController();
    const stream = (await fetch(`${s.url}/events?topics=supply.pickup`, { signal: live.signal })).body!.getReader();
    const answers = await Promise.all([
      ...cards.map((card) => pick(card, 400)), // 30 plain pickups
      ...cards.slice(0, 5).map((card) => pick(card, 400)), // the same households again: 800 of 1000, still fine
      ...cards.slice(0, 3).map((card) => pick(card, 900)), // beyond what is left
      pick(cards[10]!, 1, replayId),
      pick(cards[10]!, 1, replayId), // the same pickup twice
      c.pedro!.post('/supply/pickups', { id: randomUUID(), card: cards[20], point: 'x', lines: [{ good: 'flour', quantity: 1 }] }),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.slice(0, 35)).toEqual(Array(35).fill(201));
    expect(answers.slice(35, 38).map((a) => a.body.code)).toEqual(['beyond_entitlement', 'beyond_entitlement', 'beyond_entitlement']);
    expect(answers.slice(38, 40).map((a) => [a.status, a.body.replay]).sort()).toEqual([[201, false], [201, true]]);
    expect(answers[40]!.body.code).toBe('other_committee');
    // live: every recorded pickup is announced once, batched per committee
    const recorded = answers.filter((a) => a.status === 201 && !a.body.replay).map((a) => a.body.id as string);
    const announced: string[] = [];
    let text = '';
    const deadline = Date.now() + 10_000;
    while (announced.length < recorded.length && Date.now() < deadline) {
      text += new TextDecoder().decode((await stream.read()).value);
      const events = text.split('\n\n');
      text = events.pop()!;
      for (const e of events) {
        const data = /^data: (.*)$/m.exec(e)?.[1];
        if (e.includes('event: supply.pickup') && data) announced.push(...(JSON.parse(data) as { committeeId: string; pickupIds: string[] }).pickupIds);
      }
    }
    live.abort();
    expect(announced.sort()).toEqual(recorded.sort());
    // household 0 collected twice, in whichever order the desks got through: 600 then 200 left
    expect([answers[0]!.body.lines[0].left, answers[30]!.body.lines[0].left].sort()).toEqual([200, 600]);
    expect(answers[5]!.body.lines).toEqual([{ good: 'flour', quantity: 400, left: 600 }]); // household 5 collected once
    const [{ n, units }] = await s.testDb.db.query<{ n: number; units: number }>(
      `select count(*)::int as n, coalesce(sum((lines->0->>'quantity')::int), 0)::int as units from pickup where committee_id = $1`,
      [centro],
    );
    expect([n, units]).toEqual([36, 35 * 400 + 1]);
    const [{ collected }] = await s.testDb.db.query<{ collected: number }>(`select sum(collected[1])::int as collected from entitlement where committee_id = $1`, [centro]);
    expect(collected).toBe(35 * 400 + 1);
    const after = pickupBatchStats(s.testDb.db);
    if (s.testDb.db.driver === 'postgres') expect(after.batches).toBeGreaterThan(before.batches);
    const ledger = (await c.marta!.get(`/supply/committees/${centro}/stock`)).body;
    expect(ledger[0]).toMatchObject({ good: 'flour', picked_up: 35 * 400 + 1, balanced: true });
  });

  test('the ledger balances, unmet need climbs the tree, and it is all on the audit chain', async () => {
    const ledger = (await c.marta!.get(`/supply/committees/${norte}/stock`)).body;
    for (const l of ledger) expect(l.balanced).toBe(true);
    const flour = ledger.find((l: { good: string }) => l.good === 'flour');
    expect(flour.picked_up).toBe(2250 - flour.balance);
    const unmet = (await c.marta!.get(`/supply/periods/${period}/unmet`)).body;
    expect(unmet.filter((u: { good: string }) => u.good === 'flour').map((u: { bodyName: string; unmet: number }) => [u.bodyName, u.unmet])).toEqual([
      ['Cordón Vicuña Mackenna', 550],
      ['JAP Centro', 0],
      ['JAP Norte', 550],
    ]);
    const { unmetByGood } = await import('../../src/supply/index.js');
    expect(await unmetByGood(s.testDb.db, period)).toEqual([
      { good: 'flour', unit: 'g', need: 2800 + 30_000, allocated: 2250 + 30_000, unmet: 550 },
      { good: 'milk', unit: 'ml', need: 2000, allocated: 1500, unmet: 500 },
    ]);
    const actions = (await s.testDb.db.query<{ action: string }>(`select distinct action from audit_event where action like 'supply.%' order by action`)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['supply.card.reissue', 'supply.households.import', 'supply.household.register', 'supply.pickup', 'supply.period.open', 'supply.rations.compute', 'supply.stock.count', 'supply.stock.delivery', 'supply.stock.loss', 'supply.stock.transfer']),
    );
    expect((await c.marta!.get('/supply/periods/current')).body.id).toBe(period);
    const dash = (await c.marta!.get(`/supply/committees/${norte}/dashboard?periodId=${period}`)).body;
    expect(dash.goods[0]).toMatchObject({ good: 'flour', need: 2800, allocated: 2250, unmet: 550, collected: flour.picked_up, households: 2 });
    expect(dash.pickupsToday).toBe(2);
    expect((await c.vecina!.get(`/supply/committees/${norte}/dashboard?periodId=${period}`)).body.code).toBe('not_officer');
    const closed = await c.admin!.post(`/supply/periods/${period}/close`, {});
    expect(closed.body).toMatchObject({ status: 'closed', unclaimedReturned: expect.any(Number) });
  });
});

describe('a district shares a delivery', () => {
  test('among its committees by their households’ needs; each share lands in a committee’s ledger', async () => {
    const need = async (committee: string) =>
      (await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from household where committee_id = $1`, [committee]))[0]!.n;
    expect(await need(norte)).toBeGreaterThan(0);
    const before = async () =>
      (await s.testDb.db.query<{ c: string; q: number }>(`select to_committee as c, sum(quantity)::int8 as q from stock_move where kind = 'delivery' group by 1`)).length;
    const moves = await before();
    // refused, and nothing written: not an officer of the district, a committee, a bad quantity, an unknown good
    expect((await c.pedro!.post(`/supply/districts/${cordon}/deliveries`, { good: 'flour', quantity: 1000, periodId: period })).body.code).toBe('not_officer');
    expect((await c.admin!.post(`/supply/districts/${norte}/deliveries`, { good: 'flour', quantity: 1000, periodId: period })).body.code).toBe('not_district');
    expect((await c.admin!.post(`/supply/districts/${cordon}/deliveries`, { good: 'flour', quantity: 0, periodId: period })).body.errors).toEqual([
      { field: 'quantity', reason: 'must be a whole number of units ≥ 1' },
    ]);
    expect((await c.admin!.post(`/supply/districts/${cordon}/deliveries`, { good: 'sugar', quantity: 5, periodId: period })).body.code).toBe('unknown_good');
    expect(await before()).toBe(moves);

    const r = await c.admin!.post(`/supply/districts/${cordon}/deliveries`, { good: 'flour', quantity: 10_000, periodId: period, method: 'maxmin' });
    expect(r.status).toBe(201);
    const shares = r.body.committees as { committeeId: string; name: string; need: number; share: number }[];
    expect(shares.map((x) => x.name).sort()).toEqual(['JAP Centro', 'JAP Norte', 'JAP Sur']);
    const totalNeed = shares.reduce((a, x) => a + x.need, 0);
    expect(totalNeed).toBeGreaterThan(10_000);
    expect(r.body).toMatchObject({ good: 'flour', quantity: 10_000, delivered: 10_000, undistributed: 0 });
    for (const x of shares) expect(x.share).toBeLessThanOrEqual(x.need);
    // water-filling per equivalent adult, nobody near their need: shares follow needs (flour's need is 1000 g per equivalent adult)
    for (const x of shares) expect(Math.abs(x.share - (10_000 * x.need) / totalNeed)).toBeLessThanOrEqual(1);
    for (const x of shares) {
      const ledger = (await c.admin!.get(`/supply/committees/${x.committeeId}/stock`)).body as { good: string; balanced: boolean }[];
      expect(ledger.find((l) => l.good === 'flour')).toMatchObject({ balanced: true });
    }
    const [{ q }] = await s.testDb.db.query<{ q: number }>(`select sum(quantity)::int8 as q from stock_move where reason like $1`, [`district delivery ${r.body.id}%`]);
    expect(q).toBe(10_000);
    const [{ n }] = await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from audit_event where action = 'supply.district.delivery'`);
    expect(n).toBe(1);
    // more than all need: each committee gets its need, the rest is reported undistributed
    const big = await c.admin!.post(`/supply/districts/${cordon}/deliveries`, { good: 'flour', quantity: totalNeed + 7, periodId: period });
    expect(big.body).toMatchObject({ delivered: totalNeed, undistributed: 7 });
  });

  test('an officer sees the committees she runs', async () => {
    const mine = (await c.marta!.get('/supply/mine')).body as { name: string; offices: string[] }[];
    expect(mine.map((m) => [m.name, m.offices])).toEqual([
      ['JAP Centro', ['chair']],
      ['JAP Norte', ['supply_officer']],
    ]);
    expect((await c.vecina!.get('/supply/mine')).body).toEqual([]);
  });
});

describe('duplicates registered at the same moment', () => {
  test('two desks of two committees registering the same people at once still flag every pair', async () => {
    const { registerHousehold } = await import('../../src/supply/index.js');
    const officer = async (u: string) => ({ ...s.system, clock, actor: { kind: 'person' as const, id: (await s.testDb.db.query<{ id: string }>(`select id from person where username = $1`, [u]))[0]!.id, isAdmin: false } });
    const [asMarta, asPedro] = [await officer('marta'), await officer('pedro')];
    const people = Array.from({ length: 8 }, (_, i) => ({ name: `Gemela ${String.fromCharCode(65 + i)} Quispe Mamani`, birthDate: `1988-02-${10 + i}` }));
    const results = await Promise.all(
      people.flatMap((p, i) => [
        registerHousehold(asMarta, { committeeId: norte, ref: `T-N-${i}`, members: [p] }),
        registerHousehold(asPedro, { committeeId: sur, ref: `T-S-${i}`, members: [p] }),
      ]),
    );
    expect(results).toHaveLength(16);
    const [{ n }] = await s.testDb.db.query<{ n: number }>(
      `select count(*)::int as n from duplicate_flag f join household_member a on a.id = f.member_id where a.name like 'Gemela % Quispe Mamani'`,
    );
    expect(n).toBe(8);
  });
});

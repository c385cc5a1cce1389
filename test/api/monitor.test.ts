import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { randomIds } from '../../src/core/ids.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { setPlanValues, sweepEscalations, sweepLateReports } from '../../src/monitor/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// A federation: national assembly → región → cordón Cerrillos → two workplaces (enterprises).
// The textile works (Sumar) acts within 4 hours by its charter; the cordón within 24 (default).
// Obrera is a worker and the secretary of Sumar; Delegada sits in the cordón; Ajena is a
// worker of the other enterprise (Yarur).
let s: TestServer;
const clock = new ManualClock('2026-11-10T12:00:00Z');
const HOUR = 3_600_000;
const c: Record<string, Client> = {};
const device: Record<string, Client> = {};
let nation: string, region: string, cordon: string, sumar: string, yarur: string;

const day = (d: number) => new Date(Date.parse('2026-10-01T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10);
const count = async (table: string) => (await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  const sys = { ...s.system, clock };
  nation = (await createBody(sys, { kind: 'national_assembly', name: 'Asamblea Nacional' })).id;
  region = (await createBody(sys, { kind: 'regional', name: 'Región Metropolitana', parentId: nation })).id;
  cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Cerrillos', parentId: region })).id;
  sumar = (await createBody(sys, { kind: 'workplace', name: 'Textil Sumar', parentId: cordon, charter: { monitor: { deadlineHours: 4 } } })).id;
  yarur = (await createBody(sys, { kind: 'workplace', name: 'Textil Yarur', parentId: cordon })).id;
  for (const n of ['admin', 'obrera', 'delegada', 'ajena']) {
    const p = await s.addPerson({ username: n, password: `${n}-password`, displayName: n, isAdmin: n === 'admin' });
    c[n] = new Client(s.url);
    await c[n]!.login(n, `${n}-password`);
    if (n === 'obrera') {
      await addMembers(sys, sumar, [p.id]);
      await grantOffice(sys, { bodyId: sumar, personId: p.id, title: 'secretary' });
    }
    if (n === 'delegada') await addMembers(sys, cordon, [p.id]);
    if (n === 'ajena') {
      await addMembers(sys, yarur, [p.id]);
      await grantOffice(sys, { bodyId: yarur, personId: p.id, title: 'secretary' });
    }
  }
  for (const [who, body] of [['obrera', sumar], ['ajena', yarur]] as const) {
    const t = await c[who]!.post('/tokens', { name: 'telar', scopes: ['report'] });
    expect(t.status).toBe(201);
    expect((await c[who]!.post(`/monitor/enterprises/${body}/devices`, { tokenId: t.body.info.id })).status).toBe(201);
    device[body] = new Client(s.url);
    device[body]!.bearer = t.body.token;
  }
});
afterAll(() => s.close());

describe('indicators', () => {
  test("an enterprise's officer adds output and custom indicators; others may not", async () => {
    const r = await c.obrera!.post(`/monitor/enterprises/${sumar}/indicators`, { code: 'tela', name: 'Tela de algodón', kind: 'output', unit: 'm', product: 'cotton-cloth' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ enterpriseId: sumar, code: 'tela', kind: 'output', product: 'cotton-cloth' });
    expect((await c.obrera!.post(`/monitor/enterprises/${sumar}/indicators`, { code: 'ausentismo', name: 'Ausentismo', kind: 'absenteeism', unit: '%' })).status).toBe(201);
    expect((await c.ajena!.post(`/monitor/enterprises/${yarur}/indicators`, { code: 'tela', name: 'Tela', kind: 'output', unit: 'm', product: 'cotton-cloth' })).status).toBe(201);

    expect((await c.ajena!.post(`/monitor/enterprises/${sumar}/indicators`, { code: 'x', name: 'X', kind: 'energy', unit: 'kWh' })).body.code).toBe('not_officer');
    expect((await c.obrera!.post(`/monitor/enterprises/${sumar}/indicators`, { code: 'tela', name: 'Otra', kind: 'custom', unit: 'm' })).body.code).toBe('duplicate_indicator');
    expect((await c.admin!.post(`/monitor/enterprises/${cordon}/indicators`, { code: 'x', name: 'X', kind: 'energy', unit: 'kWh' })).body.code).toBe('not_enterprise');
    const bad = await c.obrera!.post(`/monitor/enterprises/${sumar}/indicators`, { code: 'Bad Code', name: 'X', kind: 'output', unit: 'm' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['code', 'product']);
    expect((await c.obrera!.get(`/monitor/enterprises/${sumar}/indicators`)).body.map((i: { code: string }) => i.code)).toEqual(['ausentismo', 'tela']);
  });
});

describe('reports', () => {
  const steady = Array.from({ length: 30 }, (_, i) => ({ indicator: 'tela', day: day(i), value: 1000 + (((i * 37) % 7) - 3) * 5 }));

  test('a device sends a batch: stored, filtered in order, the state kept per series', async () => {
    const r = await device[sumar]!.post(`/monitor/enterprises/${sumar}/reports`, { reports: steady });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ stored: 30, replayed: 0, late: 0, alertsOpened: 0 });
    const [ind] = (await c.obrera!.get(`/monitor/enterprises/${sumar}/indicators`)).body.filter((i: { code: string }) => i.code === 'tela');
    const series = (await c.obrera!.get(`/monitor/indicators/${ind.id}/series`)).body;
    expect(series.points).toHaveLength(30);
    expect(series.last.day).toBe(day(29));
    expect(series.last.lower).toBeLessThan(1000);
    expect(series.last.upper).toBeGreaterThan(1000);
  });

  test('the same batch again is a replay; a different value for a stored day is a conflict, and changes nothing', async () => {
    const before = await count('audit_event');
    const again = await device[sumar]!.post(`/monitor/enterprises/${sumar}/reports`, { reports: steady });
    expect(again.body).toEqual({ stored: 0, replayed: 30, late: 0, alertsOpened: 0 });
    const conflict = await device[sumar]!.post(`/monitor/enterprises/${sumar}/reports`, { reports: [{ indicator: 'tela', day: day(29), value: 1 }, { indicator: 'tela', day: day(30), value: 1000 }] });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('report_conflict');
    expect(conflict.body.errors[0].field).toBe('reports/0/value');
    expect(await count('report')).toBe(30);
    expect(await count('audit_event')).toBe(before);
  });

  test('bad reports are refused naming the field, and nothing is stored', async () => {
    const post = (body: unknown, who = sumar, to = sumar) => device[who]!.post(`/monitor/enterprises/${to}/reports`, body);
    const unknown = await post({ reports: [{ indicator: 'tela', day: day(30), value: 990 }, { indicator: 'seda', day: day(30), value: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_indicator', errors: [{ field: 'reports/1/indicator', reason: 'the enterprise has no indicator "seda"' }] });

    const other = await post({ reports: [{ indicator: 'tela', day: day(30), value: 990 }] }, yarur, sumar);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('wrong_enterprise');

    const order = await post({ reports: [{ indicator: 'tela', day: day(31), value: 990 }, { indicator: 'tela', day: day(30), value: 990 }, { indicator: 'tela', day: day(30), value: 990 }] });
    expect(order.status).toBe(400);
    expect(order.body.errors).toEqual([
      { field: 'reports/1/day', reason: `comes after ${day(31)} for indicator "tela" in this batch: days must increase` },
      { field: 'reports/2/day', reason: `duplicates ${day(30)} for indicator "tela" in this batch` },
    ]);

    const text = await post({ reports: [{ indicator: 'tela', day: day(30), value: 'mucho' }] });
    expect(text.status).toBe(400);
    expect(JSON.stringify(text.body.errors)).toContain('reports/0/value');

    const future = await post({ reports: [{ indicator: 'tela', day: '2026-11-20', value: 990 }, { indicator: 'ausentismo', day: '2026-02-30', value: 3 }] });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([
      { field: 'reports/0/day', reason: 'is in the future (today is 2026-11-10)' },
      { field: 'reports/1/day', reason: 'must be a date YYYY-MM-DD' },
    ]);
    // a person with no office in the enterprise cannot report for it either
    expect((await c.ajena!.post(`/monitor/enterprises/${sumar}/reports`, { reports: [{ indicator: 'tela', day: day(30), value: 990 }] })).body.code).toBe('not_officer');
    expect(await count('report')).toBe(30);
  });

  test('a CSV file: errors by line; a good file is stored like a batch', async () => {
    const csv = (rows: string[]) => device[sumar]!.request('POST', `/monitor/enterprises/${sumar}/reports/csv`, { raw: ['indicator,day,value', ...rows].join('\n'), headers: { 'content-type': 'text/csv' } });
    const bad = await csv([`ausentismo,${day(0)},4.5`, `ausentismo,${day(1)},cuatro`, `ausentismo,${day(2)}`]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'line 3/value', reason: '"cuatro" is not a number' },
      { field: 'line 4', reason: 'has 2 columns, expected 3' },
    ]);
    const late = await csv([`ausentismo,${day(1)},4.5`, `ausentismo,${day(0)},4`]);
    expect(late.body.errors).toEqual([{ field: 'line 3/day', reason: `comes after ${day(1)} for indicator "ausentismo" in this batch: days must increase` }]);
    const ok = await csv([`ausentismo,${day(0)},4.5`, `ausentismo,${day(1)},5`]);
    expect(ok.body).toEqual({ stored: 2, replayed: 0, late: 0, alertsOpened: 0 });
  });
});

describe('alerts', () => {
  let change: { id: string };

  test('a step in output opens one change alert at the workers’ council, with its charter’s deadline', async () => {
    const drop = Array.from({ length: 5 }, (_, i) => ({ indicator: 'tela', day: day(30 + i), value: 600 + i }));
    const r = await device[sumar]!.post(`/monitor/enterprises/${sumar}/reports`, { reports: drop });
    expect(r.body.stored).toBe(5);
    expect(r.body.alertsOpened).toBe(1);
    const alerts = (await c.obrera!.get(`/monitor/alerts?body=${sumar}`)).body;
    expect(alerts).toHaveLength(1);
    change = alerts[0];
    expect(alerts[0]).toMatchObject({ kind: 'change', atBodyId: sumar, level: 0, status: 'open', deadline: new Date(clock.now().getTime() + 4 * HOUR).toISOString() });
    expect(alerts[0].detail.type).toBe('step');
    expect(alerts[0].detail.probability).toBeGreaterThanOrEqual(0.9);
    const [{ n }] = await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from audit_event where action = 'monitor.alert.open' and subject = $1`, [`alert:${change.id}`]);
    expect(n).toBe(1);
  });

  test('output below the charter’s tolerance of the plan opens a fulfilment alert', async () => {
    const [ind] = (await c.ajena!.get(`/monitor/enterprises/${yarur}/indicators`)).body;
    await s.testDb.db.transaction((tx) => setPlanValues(tx, { ...s.system, clock }, [{ indicatorId: ind.id, day: day(40), value: 1000 }, { indicatorId: ind.id, day: day(41), value: 1000 }]));
    const ok = await device[yarur]!.post(`/monitor/enterprises/${yarur}/reports`, { reports: [{ indicator: 'tela', day: day(40), value: 950 }] });
    expect(ok.body.alertsOpened).toBe(0);
    const short = await device[yarur]!.post(`/monitor/enterprises/${yarur}/reports`, { reports: [{ indicator: 'tela', day: day(41), value: 800 }] });
    expect(short.body.alertsOpened).toBe(1);
    const [a] = (await c.ajena!.get(`/monitor/alerts?enterprise=${yarur}`)).body;
    expect(a).toMatchObject({ kind: 'fulfilment', atBodyId: yarur, detail: { value: 800, plan: 1000, fulfilment: 0.8, tolerance: 0.9 } });
  });

  test('members of the body it is at acknowledge it; others may not; the deadline still runs', async () => {
    expect((await c.ajena!.post(`/monitor/alerts/${change.id}/acknowledge`)).body.code).toBe('not_member');
    const r = await c.obrera!.post(`/monitor/alerts/${change.id}/acknowledge`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'acknowledged', level: 0 });
    expect(r.body.deadline).not.toBeNull();
  });

  test('not acted on in time, it climbs: cordón, then región, each step live and audited; the cordón acts on it', async () => {
    const ac = new AbortController();
    const live = await fetch(`${s.url}/events?topics=monitor.`, { signal: ac.signal, headers: { cookie: c.delegada!.cookie! } });
    const reader = live.body!.getReader();
    const ids = randomIds(clock);
    clock.advance(3 * HOUR);
    expect(await sweepEscalations(s.testDb.db, clock, ids)).toBe(0);
    clock.advance(1 * HOUR + 1);
    expect(await sweepEscalations(s.testDb.db, clock, ids)).toBe(1);
    let a = (await c.delegada!.get(`/monitor/alerts/${change.id}`)).body;
    expect(a).toMatchObject({ atBodyId: cordon, level: 1, deadline: new Date(clock.now().getTime() + 24 * HOUR).toISOString() });
    expect((await c.obrera!.post(`/monitor/alerts/${change.id}/act`, { note: 'too late here' })).body.code).toBe('not_member');
    clock.advance(24 * HOUR);
    expect(await sweepEscalations(s.testDb.db, clock, ids)).toBeGreaterThanOrEqual(1);
    a = (await c.delegada!.get(`/monitor/alerts/${change.id}`)).body;
    expect(a).toMatchObject({ atBodyId: region, level: 2 });
    expect(a.steps.map((x: { bodyId: string }) => x.bodyId)).toEqual([sumar, cordon, region]);
    const [{ n }] = await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from audit_event where action = 'monitor.alert.escalate' and subject = $1`, [`alert:${change.id}`]);
    expect(n).toBe(2);
    let text = '';
    const until = Date.now() + 5000;
    while (!text.includes('"escalated"') && Date.now() < until) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(text).toContain('event: monitor.alert');
    expect(text).toContain(change.id);
    // the región is not the delegada's body: she may not act on it now
    expect((await c.delegada!.post(`/monitor/alerts/${change.id}/act`, { note: 'x' })).body.code).toBe('not_member');
  });

  test('acted on, with a note, it closes and climbs no more', async () => {
    const [a] = (await c.ajena!.get(`/monitor/alerts?enterprise=${yarur}`)).body;
    // by now the 24-hour deadline of Yarur passed: its alert is at the cordón, where Delegada sits
    await sweepEscalations(s.testDb.db, clock, randomIds(clock));
    expect((await c.delegada!.get(`/monitor/alerts/${a.id}`)).body.atBodyId).toBe(cordon);
    expect((await c.delegada!.post(`/monitor/alerts/${a.id}/act`, { note: '  ' })).status).toBe(400);
    const r = await c.delegada!.post(`/monitor/alerts/${a.id}/act`, { note: 'Yarur lends two looms for a week' });
    expect(r.body).toMatchObject({ status: 'acted', deadline: null, note: 'Yarur lends two looms for a week' });
    clock.advance(100 * HOUR);
    await sweepEscalations(s.testDb.db, clock, randomIds(clock));
    expect((await c.delegada!.get(`/monitor/alerts/${a.id}`)).body).toMatchObject({ atBodyId: cordon, level: 1, status: 'acted' });
    expect((await c.delegada!.post(`/monitor/alerts/${a.id}/act`, { note: 'again' })).body.code).toBe('alert_closed');
  });

  test('missing reports open late alerts; two servers sweeping at once move each alert once', async () => {
    for (let i = 0; i < 20; i++) expect((await c.ajena!.post(`/monitor/enterprises/${yarur}/indicators`, { code: `stock-${i}`, name: `Stock ${i}`, kind: 'stock', unit: 'kg' })).status).toBe(201);
    clock.advance(48 * HOUR);
    const ids = randomIds(clock);
    const opened = await sweepLateReports(s.testDb.db, clock, ids);
    expect(opened).toBeGreaterThanOrEqual(20);
    expect(await sweepLateReports(s.testDb.db, clock, ids)).toBe(0);
    const late = (await c.ajena!.get(`/monitor/alerts?enterprise=${yarur}`)).body.filter((a: { kind: string }) => a.kind === 'late');
    expect(late.length).toBe(opened - (await s.testDb.db.query(`select 1 from alert where kind = 'late' and enterprise_id <> $1`, [yarur])).length);
    clock.advance(25 * HOUR);
    const [x, y] = await Promise.all([sweepEscalations(s.testDb.db, clock, ids), sweepEscalations(s.testDb.db, clock, ids)]);
    const steps = await s.testDb.db.query<{ level: number; n: number }>(
      `select st.level, count(*)::int as n from alert_step st join alert a on a.id = st.alert_id where a.kind = 'late' and a.enterprise_id = $1 group by st.level order by st.level`,
      [yarur],
    );
    expect(steps).toEqual([{ level: 0, n: late.length }, { level: 1, n: late.length }]);
    expect(x + y).toBeGreaterThanOrEqual(late.length);
  });

  test('a flood from one device is refused with 429 and stores nothing', async () => {
    const before = await count('report');
    let last = 0;
    for (let i = 0; i < 61 && last !== 429; i++)
      last = (await device[yarur]!.post(`/monitor/enterprises/${yarur}/reports`, { reports: [{ indicator: 'tela', day: day(41), value: 800 }] })).status;
    expect(last).toBe(429);
    const r = await device[yarur]!.post(`/monitor/enterprises/${yarur}/reports`, { reports: [{ indicator: 'stock-1', day: day(60), value: 1 }] });
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('device_flood');
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await count('report')).toBe(before);
  });
});

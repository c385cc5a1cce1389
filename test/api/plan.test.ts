import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { targetsOf } from '../../src/plan/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// A national assembly owns the plan (its planning office: office `planner`); two
// workplaces are its enterprises; the assembly's members rank two variants.
let s: TestServer;
const clock = new ManualClock('2026-10-20T08:00:00Z');
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};
const as = (n: string) => clients[n]!;
let assembly: string, textil: string, cemento: string, union: string;

const TABLE = ['sector,S1,S2,S3,final_demand,total_output', 'S1,10,20,5,65,100', 'S2,30,0,40,130,200', 'S3,0,50,10,90,150', 'labour,12.5,40,20,,', ''].join('\n');
const csv = (c: Client, query: string, text: string) => c.request('POST', `/plan/models?${query}`, { raw: text, headers: { 'content-type': 'text/csv' } });
const modelCount = async () => (await s.testDb.db.query<{ n: number }>('select count(*)::int as n from plan_model'))[0]!.n;

beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  const sys = { ...s.system, clock };
  assembly = (await createBody(sys, { kind: 'national_assembly', name: 'Asamblea del Pueblo' })).id;
  textil = (await createBody(sys, { kind: 'workplace', name: 'Textil Progreso', parentId: assembly })).id;
  cemento = (await createBody(sys, { kind: 'workplace', name: 'Cemento Melón', parentId: assembly })).id;
  union = (await createBody(sys, { kind: 'union', name: 'CUT' })).id;
  for (const n of ['planner', 'a1', 'a2', 'a3', 't1', 'nobody']) {
    ids[n] = (await s.addPerson({ username: n, password: `${n}-password`, displayName: n.toUpperCase() })).id;
    clients[n] = new Client(s.url);
    await clients[n]!.login(n, `${n}-password`);
  }
  await addMembers(sys, assembly, [ids.planner!, ids.a1!, ids.a2!, ids.a3!]);
  await addMembers(sys, textil, [ids.t1!]);
  await grantOffice(sys, { bodyId: assembly, personId: ids.planner!, title: 'planner' });
});
afterAll(() => s.close());

describe('the plan in the database', () => {
  let model: string;
  test('bad tables are refused naming the line and sector, and write nothing', async () => {
    const cases: [string, RegExp][] = [
      [['sector,S1,S2,final_demand,total_output', 'S1,1,2,7,10', ''].join('\n'), /not square.*S2/],
      [['sector,S1,S2,final_demand,total_output', 'S1,1,x,7,10', 'S2,0,0,5,5'].join('\n'), /"x" is not a number/],
      [['sector,S1,S2,final_demand,total_output', 'S1,1,-2,11,10', 'S2,0,0,5,5'].join('\n'), /negative flow -2 from S1 to S2/],
      [['sector,S1,S2,final_demand,total_output', 'S1,0,3,7,10', 'S2,0,0,0,0'].join('\n'), /sector S2 has total output 0 but uses inputs/],
      // A11 = 60/50 = 1.2: S1 uses more of itself than it makes
      [['sector,S1,S2,final_demand,total_output', 'S1,60,0,-10,50', 'S2,0,10,90,100'].join('\n'), /not productive.*S1/],
    ];
    for (const [text, reason] of cases) {
      const r = await csv(as('planner'), `bodyId=${assembly}&name=bad`, text);
      expect(r.status, text).toBe(400);
      expect(r.body.detail, text).toMatch(reason);
      expect(r.body.errors[0].field, text).toMatch(/^(line \d+|table)$/);
    }
    expect(await modelCount()).toBe(0);
    // the planning office only
    expect((await csv(as('a1'), `bodyId=${assembly}&name=x`, TABLE)).body.code).toBe('not_planner');
    const dry = await csv(as('planner'), `bodyId=${assembly}&name=x&dryRun=true`, TABLE);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ modelId: null, sectors: 3, dryRun: true });
    expect(await modelCount()).toBe(0);
  });

  test('import: products, A = Z·diag(x)⁻¹, labour per unit; the table’s own demand reproduces its output', async () => {
    const r = await csv(as('planner'), `bodyId=${assembly}&name=Chile 1972&unit=Eº millones`, TABLE);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ sectors: 3, flows: 7, hasLabour: true, dryRun: false });
    expect(r.body.reproduction).toBeLessThan(1e-9);
    model = r.body.modelId;
    const m = (await as('a1').get(`/plan/models/${model}`)).body;
    expect(m.products.map((p: { code: string }) => p.code)).toEqual(['S1', 'S2', 'S3']);
    expect(m.products[1]).toMatchObject({ unit: 'Eº millones', sector: 'S2', labour: 0.2 });
    expect(m.products[1].inputs).toEqual({ S1: 0.1, S3: 0.25 });
    const demand = (await as('a1').get(`/plan/models/${model}/demand`)).body;
    expect(demand.map((d: { amount: number; source: string }) => [d.source, d.amount])).toEqual([['table', 65], ['table', 130], ['table', 90]]);
    const [ev] = await s.testDb.db.query<{ payload: { sectors: number } }>(`select payload::jsonb as payload from audit_event where action = 'plan.model.import' and subject = $1`, [`plan_model:${model}`]);
    expect(ev!.payload.sectors).toBe(3);
  });

  test('enterprises are workplaces; demand for unknown products is refused', async () => {
    const e1 = await as('planner').post(`/plan/models/${model}/enterprises`, { bodyId: textil, workforce: 300, techniques: [{ product: 'S1', capacity: 90 }] });
    expect(e1.status).toBe(201);
    const e2 = await as('planner').post(`/plan/models/${model}/enterprises`, { bodyId: cemento, workforce: 120, techniques: [{ product: 'S1', capacity: 30 }, { product: 'S2', capacity: 150 }] });
    expect(e2.status).toBe(201);
    expect((await as('planner').post(`/plan/models/${model}/enterprises`, { bodyId: union, workforce: 1, techniques: [{ product: 'S1', capacity: 1 }] })).body.code).toBe('not_workplace');
    expect((await as('planner').post(`/plan/models/${model}/enterprises`, { bodyId: textil, workforce: 1, techniques: [{ product: 'S1', capacity: 1 }] })).body.code).toBe('already_enterprise');
    const bad = await as('planner').post(`/plan/models/${model}/demand`, [{ product: 'S9', source: 'assembly', amount: 5 }]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: '0/product', reason: 'demand for unknown product "S9"' }]);
    expect((await as('planner').post(`/plan/models/${model}/demand`, [{ product: 'S1', source: 'assembly', amount: 10, note: 'vivienda' }])).status).toBe(201);
    expect((await as('a1').post(`/plan/models/${model}/demand`, [{ product: 'S1', source: 'assembly', amount: 10 }])).body.code).toBe('not_planner');
    expect((await as('planner').post(`/plan/models/${model}/demand/supply`, { periodId: ids.a1 })).status).toBe(404);
  });

  let base: string, housing: string;
  test('variants are solved (balanced) and compared side by side; unknown sectors refused, nothing written', async () => {
    const v1 = await as('planner').post(`/plan/models/${model}/variants`, { name: 'Base' });
    expect(v1.status).toBe(201);
    base = v1.body.id;
    const v2 = await as('planner').post(`/plan/models/${model}/variants`, { name: 'Más vivienda', scale: { assembly: 3 }, extra: [{ product: 'S3', amount: 20 }] });
    housing = v2.body.id;
    const unknown = await as('planner').post(`/plan/models/${model}/variants`, { name: 'X', extra: [{ product: 'Z', amount: 1 }] });
    expect(unknown.body.errors).toEqual([{ field: 'extra/0/product', reason: 'demand for unknown product "Z"' }]);
    const cmp = (await as('a1').get(`/plan/models/${model}/variants`)).body;
    expect(cmp.variants.map((v: { name: string }) => v.name)).toEqual(['Base', 'Más vivienda']);
    // (I − A)·x = d for each, with A as read from the model
    const m = (await as('a1').get(`/plan/models/${model}`)).body;
    for (const v of cmp.variants) {
      const x = Object.fromEntries(v.products.map((p: { product: string; output: number }) => [p.product, p.output]));
      for (const line of v.products) {
        const used = m.products.reduce((a: number, p: { code: string; inputs: Record<string, number> }) => a + (p.inputs[line.product] ?? 0) * x[p.code], 0);
        expect(line.output - used).toBeCloseTo(line.finalDemand, 9);
      }
    }
    const s1 = cmp.variants[0].products[0];
    expect(s1).toMatchObject({ finalDemand: 75, capacity: 120 });
    expect(s1.slack).toBeCloseTo(120 - s1.output, 9);
    expect(cmp.variants[0].method).toBe('leontief');
    const s1b = cmp.variants[1].products[0];
    expect(s1b.finalDemand).toBe(95);
    expect(cmp.variants[1].totalLabour).toBeGreaterThan(cmp.variants[0].totalLabour);
    // S2 (capacity 150) falls short in the housing variant
    expect(cmp.variants[1].shortfalls).toContain('S2');
    expect((await s.testDb.db.query('select id from plan_variant')).length).toBe(2);
  });

  let plan: string;
  test('a variant set put to a motion: the winner becomes the plan, versioned, in the closing transaction', async () => {
    const bad = await as('planner').post(`/plan/models/${model}/votes`, { bodyId: assembly, variantIds: [base, ids.a1], month: '2026-11' });
    expect(bad.body.code).toBe('unknown_variant');
    const v = await as('planner').post(`/plan/models/${model}/votes`, { bodyId: assembly, variantIds: [base, housing], month: '2026-11', kind: 'ranking', days: 1 });
    expect(v.status).toBe(201);
    expect(v.body.options).toEqual(['Base', 'Más vivienda']);
    for (const [n, ranking] of [['a1', [1, 0]], ['a2', [1, 0]], ['a3', [0, 1]]] as const) expect((await as(n).post(`/motions/${v.body.motionId}/votes`, { ranking })).status).toBe(201);
    clock.advance(86_400_000 + 1);
    const closed = await as('a1').post(`/motions/${v.body.motionId}/close`, {});
    expect(closed.body.result.adopted).toBe(1);
    const plans = (await as('a1').get(`/plan/models/${model}/plans`)).body;
    expect(plans).toMatchObject([{ version: 1, month: '2026-11' }]);
    plan = plans[0].id;
    const p = (await as('a1').get(`/plan/plans/${plan}`)).body;
    expect(p.variantId).toBe(housing);
    // S1 is split 90 : 30 by capacity between Textil and Cemento; S3 has no enterprise
    const s1 = p.products[0].output;
    const t = Object.fromEntries(p.targets.map((x: { enterprise: string; product: string; monthly: number }) => [`${x.enterprise}/${x.product}`, x.monthly]));
    expect(t['Textil Progreso/S1']).toBeCloseTo(s1 * 0.75, 9);
    expect(t['Cemento Melón/S1']).toBeCloseTo(s1 * 0.25, 9);
    expect(t['Cemento Melón/S2']).toBeCloseTo(p.products[1].output, 9);
    expect(Object.keys(t)).toHaveLength(3);
    const [ev] = await s.testDb.db.query<{ payload: { version: number; unassigned: string[] } }>(`select payload::jsonb as payload from audit_event where action = 'plan.adopt' and subject = $1`, [`plan:${plan}`]);
    expect(ev!.payload).toMatchObject({ version: 1, unassigned: ['S3'] });
    // immutable
    await expect(s.testDb.db.query('update plan_adopted set version = 7 where id = $1', [plan])).rejects.toThrow(/immutable/);
    await expect(s.testDb.db.query('delete from plan_target where plan_id = $1', [plan])).rejects.toThrow(/immutable/);
    // what the monitor reads: per day, the month's target over its 30 days
    const day = await targetsOf(s.testDb.db, textil, '2026-11-14');
    expect(day).toHaveLength(1);
    expect(day[0]!).toMatchObject({ planId: plan, version: 1, product: 'S1', month: '2026-11' });
    expect(day[0]!.daily).toBeCloseTo(t['Textil Progreso/S1'] / 30, 9);
    expect(await targetsOf(s.testDb.db, textil, '2026-12-01')).toEqual([]);
    expect((await as('t1').get(`/plan/enterprises/${cemento}/targets?day=2026-11-30`)).body).toHaveLength(2);
  });

  test('a motion not adopted adopts nothing', async () => {
    const v = await as('planner').post(`/plan/models/${model}/votes`, { bodyId: assembly, variantIds: [base, housing], month: '2026-12', kind: 'choice', days: 1 });
    clock.advance(86_400_000 + 1);
    const closed = await as('a1').post(`/motions/${v.body.motionId}/close`, {});
    expect(closed.body.result.adopted).toBeNull(); // no votes: no quorum
    expect((await as('a1').get(`/plan/models/${model}/plans`)).body).toHaveLength(1);
  });

  test('counter-plans: the enterprise’s members propose, the planning office sees them beside the plan', async () => {
    expect((await as('nobody').post(`/plan/plans/${plan}/counter-plans`, { enterpriseId: textil, items: [{ product: 'S1', capacity: 50, reason: 'telares parados' }] })).body.code).toBe('not_member');
    const r = await as('t1').post(`/plan/plans/${plan}/counter-plans`, { enterpriseId: textil, items: [{ product: 'S1', capacity: 50, reason: 'dos telares parados por falta de repuestos' }] });
    expect(r.status).toBe(201);
    expect((await as('t1').get(`/plan/plans/${plan}/counter-plans`)).body.code).toBe('not_planner');
    const side = (await as('planner').get(`/plan/plans/${plan}/counter-plans`)).body;
    const target = (await as('a1').get(`/plan/plans/${plan}`)).body.targets.find((x: { enterpriseId: string }) => x.enterpriseId === textil).monthly;
    expect(side).toHaveLength(1);
    expect(side[0]).toMatchObject({ enterprise: 'Textil Progreso', product: 'S1', counterCapacity: 50 });
    expect(side[0].gap).toBeCloseTo(target - 50, 9);
  });
});

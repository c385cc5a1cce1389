import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { A4, pageTexts, rowsPerPage } from '../../src/supply/cards/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// A cordón with two JAPs. Rosa is the supply officer of JAP Ñuñoa (a name WinAnsi cannot
// fully print), which registers 120 households; Tomás runs JAP Sur; Vecino is a member of
// Ñuñoa without office.
let s: TestServer;
const clock = new ManualClock('2027-03-01T10:00:00Z');
const c: Record<string, Client> = {};
let cordon: string, nunoa: string, sur: string, period: string;
const NUNOA = 'JAP Ñuñoa — “Población” 🙂';
const HOUSEHOLDS = 120;
let households: { id: string; ref: string; card: string; address: string; zone: string; names: string[] }[] = [];
let surHousehold: string;

/** A GET that keeps the body as bytes (the test client reads text). */
async function getPdf(who: string, path: string) {
  const res = await fetch(s.url + path, { headers: c[who]!.cookie ? { cookie: c[who]!.cookie! } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(Buffer.from(bytes).toString('utf8')) };
}

beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  const sys = { ...s.system, clock };
  cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Macul' })).id;
  nunoa = (await createBody(sys, { kind: 'supply_committee', name: NUNOA, parentId: cordon })).id;
  sur = (await createBody(sys, { kind: 'supply_committee', name: 'JAP Sur', parentId: cordon })).id;
  for (const n of ['admin', 'rosa', 'tomas', 'vecino']) {
    const p = await s.addPerson({ username: n, password: `${n}-password`, displayName: n, isAdmin: n === 'admin' });
    c[n] = new Client(s.url);
    await c[n]!.login(n, `${n}-password`);
    if (n === 'rosa' || n === 'vecino') await addMembers(sys, nunoa, [p.id]);
    if (n === 'tomas') await addMembers(sys, sur, [p.id]);
    if (n === 'rosa') await grantOffice(sys, { bodyId: nunoa, personId: p.id, title: 'supply_officer' });
    if (n === 'tomas') await grantOffice(sys, { bodyId: sur, personId: p.id, title: 'supply_officer' });
  }
  c.anonymous = new Client(s.url);

  // 120 households of one or two people; references that could never appear in a card code
  const lines = ['household,zone,address,name,birth_date,needs'];
  for (let i = 1; i <= HOUSEHOLDS; i++) {
    lines.push(`Pasaje Arauco ${i},Villa Olímpica,Calle Grecia ${1000 + i},Violeta Quispe ${i},1980-01-${String(1 + (i % 28)).padStart(2, '0')},`);
    if (i % 2) lines.push(`Pasaje Arauco ${i},Villa Olímpica,Calle Grecia ${1000 + i},Gladys Huenchumil ${i},2015-06-${String(1 + (i % 28)).padStart(2, '0')},`);
  }
  const imported = await c.rosa!.request('POST', `/supply/committees/${nunoa}/households/import`, { raw: lines.join('\n'), headers: { 'content-type': 'text/csv' } });
  expect(imported.body).toMatchObject({ written: true, households: HOUSEHOLDS });
  const rows = await s.testDb.db.query<{ id: string; ref: string; card: string; address: string; zone: string; names: string[] }>(
    `select h.id, h.ref, c.code as card, h.address, h.zone, array(select m.name from household_member m where m.household_id = h.id order by m.name) as names
     from household h join ration_card c on c.household_id = h.id and c.revoked_at is null where h.committee_id = $1`,
    [nunoa],
  );
  households = rows;
  const other = await c.tomas!.post(`/supply/committees/${sur}/households`, { ref: 'S-1', members: [{ name: 'Pedro Sur', birthDate: '1970-01-01' }] });
  surHousehold = other.body.id;

  // goods, stock, a period and its rations
  await c.admin!.post('/supply/goods', { code: 'harina', name: 'Harina', unit: 'g', needRule: { kind: 'equivalent_adult', perAdult: 1000 } });
  await c.admin!.post('/supply/goods', { code: 'leche', name: 'Leche', unit: 'ml', needRule: { kind: 'per_child', perChild: 2000 } });
  await c.rosa!.post(`/supply/committees/${nunoa}/stock`, { kind: 'delivery', good: 'harina', quantity: 100_000 });
  await c.rosa!.post(`/supply/committees/${nunoa}/stock`, { kind: 'delivery', good: 'leche', quantity: 150_000 });
  period = (await c.admin!.post('/supply/periods', { name: 'Semana 9', starts: '2027-03-01', ends: '2027-03-07', goods: ['harina', 'leche'] })).body.id;
  expect((await c.rosa!.post(`/supply/periods/${period}/rations`, { committeeId: nunoa })).status).toBe(200);
}, 120_000);
afterAll(() => s.close());

describe('printing ration cards', () => {
  test("an officer prints the committee's cards: a PDF of A4 pages, ten cards a page, every live card", async () => {
    const r = await getPdf('rosa', `/supply/committees/${nunoa}/cards.pdf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe('inline; filename="cards-jap-nunoa-poblacion.pdf"');
    expect(Buffer.from(r.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(r.bytes);
    expect(doc.getPageCount()).toBe(HOUSEHOLDS / 10);
    expect(doc.getPages().every((p) => Math.abs(p.getWidth() - A4[0]) < 0.1 && Math.abs(p.getHeight() - A4[1]) < 0.1)).toBe(true);
    const text = (await pageTexts(r.bytes)).join('\n');
    for (const h of households) expect(text).toContain(h.card);
    expect(text).toContain('JAP Ñuñoa — “Población” ?');
    const [audit] = await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from audit_event where action = 'supply.cards.print' and subject = $1`, [`body:${nunoa}`]);
    expect(audit!.n).toBeGreaterThan(0);
  });

  test('the cards carry no personal data: no name, address, zone or household reference', async () => {
    const r = await getPdf('rosa', `/supply/committees/${nunoa}/cards.pdf`);
    const text = (await pageTexts(r.bytes)).join('\n');
    const raw = Buffer.from(r.bytes).toString('latin1');
    // the same reading finds what is printed, so it would find a name too
    expect(text).toContain(households[0]!.card);
    for (const h of households)
      for (const secret of [...h.names, h.ref, h.address]) {
        expect(text).not.toContain(secret);
        expect(raw).not.toContain(secret);
      }
    for (const word of ['Violeta', 'Quispe', 'Huenchumil', 'Arauco', 'Grecia', 'Olímpica']) expect(text).not.toContain(word);
  });

  test('only the households named; one not in the committee is refused naming it', async () => {
    const [a, b] = [households[5]!, households[77]!];
    const r = await getPdf('rosa', `/supply/committees/${nunoa}/cards.pdf?household=${a.id}&household=${b.id}&lang=en`);
    expect(r.status).toBe(200);
    const texts = await pageTexts(r.bytes);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.match(/[0-9A-Y]{4}-[0-9A-Y]{6}/g)!.sort()).toEqual([a.card, b.card].sort());
    expect(texts[0]).toContain('Ration card');
    const one = await getPdf('rosa', `/supply/committees/${nunoa}/cards.pdf?household=${a.id}`);
    expect(await pageTexts(one.bytes)).toEqual([expect.stringContaining(a.card)]);
    const wrong = await getPdf('rosa', `/supply/committees/${nunoa}/cards.pdf?household=${a.id}&household=${surHousehold}`);
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(wrong.json()).toMatchObject({ code: 'unknown_household', errors: [{ field: 'household/1' }] });
    const bad = await getPdf('rosa', `/supply/committees/${nunoa}/cards.pdf?household=nope`);
    expect(bad.status).toBe(400);
  });

  test('only officers of the committee: others are refused with a problem, not a PDF', async () => {
    for (const who of ['vecino', 'tomas']) {
      const r = await getPdf(who, `/supply/committees/${nunoa}/cards.pdf`);
      expect(r.status).toBe(403);
      expect(r.json()).toMatchObject({ status: 403, code: 'not_officer' });
    }
    expect((await getPdf('anonymous', `/supply/committees/${nunoa}/cards.pdf`)).status).toBe(401);
    const notJap = await getPdf('rosa', `/supply/committees/${cordon}/cards.pdf`);
    expect(notJap.status).toBe(400);
    expect(notJap.json()).toMatchObject({ code: 'not_supply_committee' });
    expect((await getPdf('rosa', `/supply/committees/${randomUUID()}/cards.pdf`)).status).toBe(404);
    expect((await getPdf('tomas', `/supply/committees/${sur}/cards.pdf`)).status).toBe(200);
  });
});

describe('printing the distribution list', () => {
  test('120 households: one row each by reference, head and page number on every page, totals at the end', async () => {
    const r = await getPdf('rosa', `/supply/committees/${nunoa}/distribution.pdf?periodId=${period}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe('inline; filename="distribution-jap-nunoa-poblacion-semana-9.pdf"');
    const doc = await PDFDocument.load(r.bytes);
    // two goods fit portrait: 30 rows a page, and the totals row makes 121
    expect(rowsPerPage(A4[1])).toBe(30);
    expect(doc.getPageCount()).toBe(5);
    expect(Math.round(doc.getPage(0).getWidth())).toBe(595);
    const texts = await pageTexts(r.bytes);
    texts.forEach((t, i) => {
      expect(t).toContain('Lista de distribución — JAP Ñuñoa — “Población” ?');
      expect(t).toContain('Período: Semana 9 · 2027-03-01 – 2027-03-07');
      expect(t).toContain(`p. ${i + 1}/5`);
      expect(t).toContain('Impresa el 2027-03-01');
    });
    const all = texts.join('\n');
    const refs = all.match(/Pasaje Arauco \d+/g)!;
    expect(refs).toEqual(Array.from({ length: HOUSEHOLDS }, (_, i) => `Pasaje Arauco ${i + 1}`)); // N-2 before N-10
    for (const h of households) expect(all).toContain(h.card);
    for (const h of households) for (const name of h.names) expect(all).not.toContain(name);
    expect(texts.at(-1)).toMatch(/Total\n120 hogares\n180\n/);
    // Pasaje Arauco 1: an adult and a child, so 1000 × 1.3 of flour wanted and 2000 ml of milk
    expect(texts[0]).toMatch(/Pasaje Arauco 1\n[0-9A-Y]{4}-[0-9A-Y]{6}\n2\n[\d.]+ \([\d.]+\)\n2\.000 \(2\.000\)\n/);
  });

  test('in English; an unknown period is 404; others than the officers are refused', async () => {
    const en = await getPdf('rosa', `/supply/committees/${nunoa}/distribution.pdf?periodId=${period}&lang=en`);
    expect((await pageTexts(en.bytes))[0]).toContain('Distribution list — JAP Ñuñoa');
    const unknown = await getPdf('rosa', `/supply/committees/${nunoa}/distribution.pdf?periodId=${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'periodId' }] });
    expect((await getPdf('rosa', `/supply/committees/${nunoa}/distribution.pdf`)).status).toBe(400);
    expect((await getPdf('vecino', `/supply/committees/${nunoa}/distribution.pdf?periodId=${period}`)).json()).toMatchObject({ code: 'not_officer' });
    expect((await getPdf('rosa', `/supply/committees/${cordon}/distribution.pdf?periodId=${period}`)).json()).toMatchObject({ code: 'not_supply_committee' });
    // JAP Sur has no rations computed: one page that says so
    const none = await getPdf('tomas', `/supply/committees/${sur}/distribution.pdf?periodId=${period}`);
    expect(await pageTexts(none.bytes)).toEqual([expect.stringContaining('Ningún hogar tiene raciones calculadas en este período.')]);
  });

  test('both are in the API description under supply', async () => {
    const doc = (await c.admin!.get('/openapi.json')).body;
    for (const path of ['/supply/committees/{id}/cards.pdf', '/supply/committees/{id}/distribution.pdf']) {
      expect(doc.paths[path].get.tags).toEqual(['supply']);
      expect(doc.paths[path].get.summary).toBeTruthy();
    }
  });
});

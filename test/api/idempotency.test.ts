import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { purgeExpired } from '../../src/server/maintenance.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let admin: Client;
const clock = new ManualClock('2026-06-01T08:00:00Z');
const bodies = async (name: string) => (await s.testDb.db.query<{ n: number }>('select count(*)::int as n from body where name = $1', [name]))[0]!.n;

beforeAll(async () => {
  s = await startTestServer({ clock });
  await s.addPerson({ username: 'admin', password: 'admin-password', displayName: 'Admin', isAdmin: true });
  admin = new Client(s.url);
  await admin.login('admin', 'admin-password');
});
afterAll(() => s.close());

describe('Idempotency-Key', () => {
  test('a retried write is answered again, not made twice', async () => {
    const body = { kind: 'workplace', name: 'Yarur' };
    const first = await admin.post('/bodies', body, { 'idempotency-key': 'create-yarur-1' });
    expect(first.status).toBe(201);
    const retry = await admin.post('/bodies', body, { 'idempotency-key': 'create-yarur-1' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await bodies('Yarur')).toBe(1);
    // without a key, a second request is a second write
    await admin.post('/bodies', body);
    expect(await bodies('Yarur')).toBe(2);
  });

  test('the same key for a different request is refused and changes nothing', async () => {
    await admin.post('/bodies', { kind: 'workplace', name: 'Sumar' }, { 'idempotency-key': 'k-2' });
    const r = await admin.post('/bodies', { kind: 'workplace', name: 'Sumar Nylon' }, { 'idempotency-key': 'k-2' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'idempotency_key_reused', errors: [{ field: 'idempotency-key', reason: 'was used for a different request' }] });
    expect(await bodies('Sumar Nylon')).toBe(0);
  });

  test('keys belong to their caller: another person using the same key writes their own', async () => {
    await s.addPerson({ username: 'admin2', password: 'admin2-password', displayName: 'Admin 2', isAdmin: true });
    const other = new Client(s.url);
    await other.login('admin2', 'admin2-password');
    await admin.post('/bodies', { kind: 'workplace', name: 'Madeco' }, { 'idempotency-key': 'shared' });
    const r = await other.post('/bodies', { kind: 'workplace', name: 'Madeco' }, { 'idempotency-key': 'shared' });
    expect(r.headers.get('idempotent-replayed')).toBeNull();
    expect(await bodies('Madeco')).toBe(2);
  });

  test('errors are replayed too (the request was judged once)', async () => {
    const bad = { kind: 'workplace', name: 'X', parentId: '00000000-0000-7000-8000-0000000000ff' };
    const a = await admin.post('/bodies', bad, { 'idempotency-key': 'bad-parent' });
    const b = await admin.post('/bodies', bad, { 'idempotency-key': 'bad-parent' });
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('content-type')).toMatch(/problem\+json/);
  });

  test('a request still running, or one that died mid-way, is not run again', async () => {
    // a claim without an answer, as a request in flight (or a crashed server) leaves it
    const actor = (await s.testDb.db.query<{ id: string }>(`select id from person where username = 'admin'`))[0]!.id;
    const body = { kind: 'cordon', name: 'Cordón O’Higgins' };
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('../../src/core/audit/canonical.js');
    const hash = createHash('sha256').update(`POST /bodies\n${canonicalJson(body)}`).digest();
    await s.testDb.db.query(`insert into idempotency_key (actor, key, method, path, request_hash, created_at) values ($1, 'inflight', 'POST', '/bodies', $2, $3)`, [`person:${actor}`, hash, clock.now()]);
    const r = await admin.post('/bodies', body, { 'idempotency-key': 'inflight' });
    expect([r.status, r.body.code]).toEqual([409, 'idempotency_in_progress']);
    clock.advance(120_000);
    const later = await admin.post('/bodies', body, { 'idempotency-key': 'inflight' });
    expect([later.status, later.body.code]).toEqual([409, 'idempotency_outcome_unknown']);
    expect(await bodies('Cordón O’Higgins')).toBe(0);
  });

  test('refused where the answer holds a secret shown once; malformed keys are named', async () => {
    const t = await admin.post('/tokens', { name: 'x', scopes: ['read'] }, { 'idempotency-key': 'tok' });
    expect([t.status, t.body.code]).toEqual([400, 'idempotency_not_supported']);
    const m = await admin.post('/bodies', { kind: 'workplace', name: 'Y' }, { 'idempotency-key': 'has spaces' });
    expect(m.body.errors).toEqual([{ field: 'idempotency-key', reason: '1–200 printable ASCII characters, e.g. a UUID' }]);
  });

  test('keys are forgotten after 24 hours', async () => {
    clock.advance(25 * 3_600_000);
    const purged = await purgeExpired(s.testDb.db, clock);
    expect(purged.idempotency).toBeGreaterThan(0);
    await admin.login('admin', 'admin-password'); // the old session expired meanwhile
    const r = await admin.post('/bodies', { kind: 'workplace', name: 'Yarur' }, { 'idempotency-key': 'create-yarur-1' });
    expect(r.status).toBe(201);
    expect(r.headers.get('idempotent-replayed')).toBeNull();
    expect(await bodies('Yarur')).toBe(3);
  });
});

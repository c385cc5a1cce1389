import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
const clock = new ManualClock('2026-03-01T09:00:00Z');
beforeAll(async () => {
  s = await startTestServer({ clock, env: { CORDON_LOGIN_MAX_FAILURES: '3' } });
  await s.addPerson({ username: 'admin', password: 'admin-password', displayName: 'Admin', isAdmin: true });
  await s.addPerson({ username: 'rosa', password: 'rosa-password', displayName: 'Rosa Soto' });
});
afterAll(() => s.close());

describe('sessions', () => {
  test('login sets an http-only, SameSite=Strict cookie and returns the CSRF token', async () => {
    const c = new Client(s.url);
    const r = await c.post('/auth/login', { username: 'Rosa', password: 'rosa-password' });
    expect(r.status).toBe(200);
    expect(r.body.person).toMatchObject({ username: 'rosa', displayName: 'Rosa Soto', isAdmin: false });
    expect(r.body.csrfToken).toEqual(expect.any(String));
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/cordon_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    c.csrf = r.body.csrfToken;
    expect((await c.get('/auth/session')).body.person.username).toBe('rosa');
  });

  test('concurrent requests of different people share one session lookup, and each is who they are', async () => {
    const { sessionLookupStats } = await import('../../src/people/service.js');
    const clients = await Promise.all(
      [['rosa', 'rosa-password'], ['admin', 'admin-password']].map(async ([u, p]) => {
        const c = new Client(s.url);
        await c.login(u!, p!);
        return [u, c] as const;
      }),
    );
    const before = { ...sessionLookupStats(s.testDb.db) };
    const seen = await Promise.all(Array.from({ length: 100 }, (_, i) => clients[i % 2]!).map(async ([u, c]) => [u, (await c.get('/auth/session')).body.person.username]));
    for (const [u, got] of seen) expect(got).toBe(u);
    const after = sessionLookupStats(s.testDb.db);
    // at most one lookup per request; a session found is remembered for a moment, so fewer
    const lookups = after.singles + after.items - before.singles - before.items;
    expect(lookups).toBeGreaterThanOrEqual(0);
    expect(lookups).toBeLessThan(100);
    expect(after.fallbacks).toBe(before.fallbacks);
    // whether lookups gather depends on timing; the statement that serves a gathered batch
    // answers in order, one answer per session, unknown ones undefined
    const { sessionsByHash } = await import('../../src/people/store.js');
    const { secretHash } = await import('../../src/people/secrets.js');
    const cookies = clients.map(([, c]) => decodeURIComponent(c.cookie!.split('=')[1]!));
    const found = await sessionsByHash(s.testDb.db, [secretHash(cookies[1]!), secretHash('no-such-session'), secretHash(cookies[0]!), secretHash(cookies[1]!)]);
    expect(found.map((f) => f?.person.username)).toEqual(['admin', undefined, 'rosa', 'admin']);
  });

  test('the password is stored as an argon2id hash', async () => {
    const [row] = await s.testDb.db.query<{ password_hash: string }>(`select password_hash from person where username = 'rosa'`);
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.password_hash).not.toContain('rosa-password');
  });

  test('a wrong password is a 401 problem that does not say which part was wrong', async () => {
    for (const [username, password] of [['rosa', 'nope-nope'], ['nobody', 'whatever1']]) {
      const r = await new Client(s.url).post('/auth/login', { username, password });
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({ status: 401, code: 'bad_credentials', detail: 'wrong username or password' });
    }
  });

  test('a write with the session cookie but without the CSRF header is refused and changes nothing', async () => {
    const c = new Client(s.url);
    await c.login('rosa', 'rosa-password');
    const before = await c.get('/tokens');
    const r = await c.request('POST', '/tokens', { json: { name: 'x', scopes: ['read'] }, headers: { 'x-csrf-token': 'forged' } });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('csrf');
    expect((await c.get('/tokens')).body).toEqual(before.body);
  });

  test('logout ends the session; the old cookie no longer works', async () => {
    const c = new Client(s.url);
    await c.login('rosa', 'rosa-password');
    const cookie = c.cookie;
    expect((await c.get('/auth/session')).status).toBe(200); // the server now remembers the session
    expect((await c.post('/auth/logout', {})).status).toBe(204);
    c.cookie = cookie;
    const r = await c.get('/auth/session');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('session_unknown');
  });

  test('an expired session is a 401 that says so', async () => {
    const c = new Client(s.url);
    await c.login('rosa', 'rosa-password');
    clock.advance(13 * 3_600_000); // default lifetime is 12 hours
    const r = await c.get('/auth/session');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: 'session_expired', detail: expect.stringMatching(/expired/) });
  });

  test('logins are rate limited per account, whatever the password', async () => {
    await s.addPerson({ username: 'target', password: 'target-password', displayName: 'T' });
    for (let i = 0; i < 3; i++) expect((await new Client(s.url).login('target', 'wrong-one')).status).toBe(401);
    const r = await new Client(s.url).login('target', 'target-password');
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    clock.advance(16 * 60_000);
    expect((await new Client(s.url).login('target', 'target-password')).status).toBe(200);
  });
});

describe('bearer tokens', () => {
  test('are created once, hashed at rest, scoped and revocable', async () => {
    const c = new Client(s.url);
    await c.login('rosa', 'rosa-password');
    const created = await c.post('/tokens', { name: 'phone', scopes: ['read'] });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^cdn_[0-9a-f]{32}_/);
    const rows = await s.testDb.db.query<{ secret_hash: Uint8Array }>('select secret_hash from api_token where id = $1', [created.body.info.id]);
    expect(Buffer.from(rows[0]!.secret_hash).toString('base64url')).not.toContain(token.slice(37));

    const device = new Client(s.url);
    device.bearer = token;
    expect((await device.get('/tokens')).status).toBe(200);
    // a read-only token cannot write, and needs no CSRF header
    const w = await device.post('/tokens', { name: 'more', scopes: ['read'] });
    expect(w.status).toBe(403);
    expect(w.body.code).toBe('scope');

    expect((await c.post(`/tokens/${created.body.info.id}/revoke`, {})).body.revokedAt).toEqual(expect.any(String));
    const after = await device.get('/tokens');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'bad_token', detail: 'the bearer token was revoked' });
  });

  test('a malformed or unknown bearer token is a 401 naming the problem', async () => {
    const c = new Client(s.url);
    for (const [header, detail] of [
      ['Basic abc', /Bearer <token>/],
      ['Bearer not-a-token', /not a Cordón token/],
      [`Bearer cdn_${'0'.repeat(32)}_${'x'.repeat(40)}`, /not valid/],
    ] as const) {
      const r = await c.get('/tokens', { authorization: header });
      expect(r.status).toBe(401);
      expect(r.body.detail).toMatch(detail);
    }
  });

  test('an expired token stops working', async () => {
    const c = new Client(s.url);
    await c.login('rosa', 'rosa-password');
    const { body } = await c.post('/tokens', { name: 'short', scopes: ['read'], expiresInDays: 1 });
    const device = new Client(s.url);
    device.bearer = body.token;
    expect((await device.get('/tokens')).status).toBe(200);
    clock.advance(2 * 86_400_000);
    expect((await device.get('/tokens')).body.detail).toBe('the bearer token has expired');
  });
});

describe('administration', () => {
  test('only administrators create accounts', async () => {
    const rosa = new Client(s.url);
    await rosa.login('rosa', 'rosa-password');
    const r = await rosa.post('/people', { username: 'new1', displayName: 'New' });
    expect(r.status).toBe(403);
    const admin = new Client(s.url);
    await admin.login('admin', 'admin-password');
    const ok = await admin.post('/people', { username: 'new1', displayName: 'New', password: 'new1-password' });
    expect(ok.status).toBe(201);
    const dup = await admin.post('/people', { username: 'NEW1', displayName: 'Again' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual([{ field: 'username', reason: '"new1" is taken' }]);
  });
});

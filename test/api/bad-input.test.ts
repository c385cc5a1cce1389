import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Each class of bad input: a 4xx RFC 9457 problem naming the field and the reason,
// and nothing written.
let s: TestServer;
let admin: Client;
const countPeople = async () => (await s.testDb.db.query<{ n: number }>('select count(*)::int as n from person'))[0]!.n;
const countAudit = async () => (await s.testDb.db.query<{ n: number }>('select count(*)::int as n from audit_event'))[0]!.n;

beforeAll(async () => {
  s = await startTestServer({ env: { CORDON_BODY_LIMIT: '4096' } });
  await s.addPerson({ username: 'admin', password: 'admin-password', displayName: 'Admin', isAdmin: true });
  admin = new Client(s.url);
  await admin.login('admin', 'admin-password');
});
afterAll(() => s.close());

async function expectNothingWritten(fn: () => Promise<void>) {
  const [people, audit] = [await countPeople(), await countAudit()];
  await fn();
  expect([await countPeople(), await countAudit()]).toEqual([people, audit]);
}

function expectProblem(r: { status: number; body: any; headers: Headers }, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ type: expect.stringContaining(code), title: expect.any(String), status, code, detail: expect.any(String) });
}

describe('bad input', () => {
  test('malformed JSON', () =>
    expectNothingWritten(async () => {
      const r = await admin.request('POST', '/people', { raw: '{"username": "x",' });
      expectProblem(r, 400, 'malformed_json');
      expect(r.body.errors[0].field).toBe('body');
    }));

  test('wrong types name the field', () =>
    expectNothingWritten(async () => {
      const r = await admin.post('/people', { username: 42, displayName: 'X', isAdmin: 'yes' });
      expectProblem(r, 400, 'validation');
      expect(r.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'body/username', reason: 'must be string' },
          { field: 'body/isAdmin', reason: 'must be boolean' },
        ]),
      );
    }));

  test('missing fields are named', () =>
    expectNothingWritten(async () => {
      const r = await admin.post('/people', { username: 'abc' });
      expectProblem(r, 400, 'validation');
      expect(r.body.errors).toContainEqual({ field: 'body/displayName', reason: 'is required' });
    }));

  test('unknown fields are refused, not silently dropped', () =>
    expectNothingWritten(async () => {
      const r = await admin.post('/people', { username: 'abc', displayName: 'A', role: 'king' });
      expectProblem(r, 400, 'validation');
      expect(r.body.errors).toEqual([{ field: 'body/role', reason: 'is not a known field' }]);
    }));

  test('values outside an enumeration list the allowed ones', () =>
    expectNothingWritten(async () => {
      const r = await admin.post('/tokens', { name: 'x', scopes: ['everything'] });
      expectProblem(r, 400, 'validation');
      expect(r.body.errors).toEqual([{ field: 'body/scopes/0', reason: 'must be one of "read", "write", "report"' }]);
    }));

  test('domain rules name the field too', () =>
    expectNothingWritten(async () => {
      const r = await admin.post('/people', { username: '-bad name', displayName: 'A' });
      expectProblem(r, 400, 'invalid');
      expect(r.body.errors[0].field).toBe('username');
    }));

  test('oversized bodies are refused with 413', () =>
    expectNothingWritten(async () => {
      const r = await admin.post('/people', { username: 'big', displayName: 'x'.repeat(10_000) });
      expectProblem(r, 413, 'body_too_large');
    }));

  test('a body that is not JSON is refused with 415', () =>
    expectNothingWritten(async () => {
      const r = await admin.request('POST', '/people', { raw: 'username=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(r.status).toBe(415);
      expect(r.body.code).toBe('unsupported_media_type');
    }));

  test('bad path parameters and query strings', async () => {
    const r = await admin.get('/bodies/not-a-uuid');
    expectProblem(r, 400, 'validation');
    expect(r.body.errors).toEqual([{ field: 'params/id', reason: 'must match format "uuid"' }]);
    const q = await admin.get('/audit/events?limit=0');
    expectProblem(q, 400, 'validation');
    expect(q.body.errors[0].field).toBe('querystring/limit');
  });

  test('unknown routes are a 404 problem', async () => {
    expectProblem(await admin.get('/nowhere'), 404, 'no_route');
  });

  test('anonymous calls to protected routes are 401, non-admins 403', async () => {
    expectProblem(await new Client(s.url).post('/people', { username: 'abc', displayName: 'A' }), 401, 'unauthenticated');
    await s.addPerson({ username: 'plain', password: 'plain-password', displayName: 'Plain' });
    const plain = new Client(s.url);
    await plain.login('plain', 'plain-password');
    await expectNothingWritten(async () => expectProblem(await plain.post('/bodies', { kind: 'cordon', name: 'X' }), 403, 'admin_only'));
  });

  test('unexpected errors are a generic 500 without internals', async () => {
    // break the database under the server for one request: a missing table is not a known SQLSTATE
    await s.testDb.db.exec('alter table body rename to body_gone');
    try {
      const r = await admin.get('/bodies');
      expect(r.status).toBe(500);
      expect(r.body).toMatchObject({ code: 'internal', detail: 'something went wrong on our side; it has been logged' });
      expect(JSON.stringify(r.body)).not.toMatch(/body_gone|relation|select/);
    } finally {
      await s.testDb.db.exec('alter table body_gone rename to body');
    }
  });
});

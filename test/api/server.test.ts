import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('server', () => {
  test('GET /health: database reachable and migrations current', async () => {
    const r = await new Client(s.url).get('/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', database: { driver: s.testDb.db.driver } });
    expect(r.body.database.migration).toBe(r.body.database.latest);
  });

  test('GET /health is 503 when migrations are pending', async () => {
    const [last] = await s.testDb.db.query<{ version: number; name: string; checksum: string }>('select * from schema_migrations order by version desc limit 1');
    await s.testDb.db.query('delete from schema_migrations where version = $1', [last!.version]);
    try {
      const r = await new Client(s.url).get('/health');
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('migrations_pending');
    } finally {
      await s.testDb.db.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [last!.version, last!.name, last!.checksum]);
    }
  });

  test('OpenAPI 3.1 at /openapi.json: every operation has a response schema, every write a body schema', async () => {
    const doc = (await new Client(s.url).get('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );
    expect(ops.length).toBeGreaterThan(10);
    for (const { path, method, op } of ops) {
      if (path === '/events') continue; // a stream, not JSON
      const statuses = Object.keys(op.responses ?? {});
      expect(statuses.some((k) => k.startsWith('2')), `${method} ${path} has a success response`).toBe(true);
      expect(statuses, `${method} ${path} documents its problem responses`).toContain('4XX');
      if (method === 'post' && !/logout|revoke/.test(path)) expect(op.requestBody, `${method} ${path} has a body schema`).toBeDefined();
    }
  });

  test('the OpenAPI UI is served at /docs', async () => {
    const r = await fetch(`${s.url}/docs/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/swagger/i);
  });
});

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { appendAudit, ephemeralSigningKey, verifyChain } from '../../src/core/audit/index.js';
import { systemClock } from '../../src/core/clock.js';
import { resolveConfig } from '../../src/core/config.js';
import { randomIds } from '../../src/core/ids.js';
import { startCordon, type Running } from '../../src/server/run.js';
import { Client } from '../support/http.js';
import { openTestDb, type TestDb } from '../support/db.js';

// Several stateless servers on one PostgreSQL: live events reach clients of every
// server (LISTEN/NOTIFY) and the background sealer seals each event once.
describe.skipIf(!process.env.DATABASE_URL)('two servers on one PostgreSQL', () => {
  let t: TestDb;
  const servers: Running[] = [];
  const key = ephemeralSigningKey();
  beforeAll(async () => {
    t = await openTestDb();
    const config = resolveConfig({ port: '0', demo: false }, { CORDON_DATA: '/nonexistent', LOG_LEVEL: 'silent', CORDON_SEAL_INTERVAL_MS: '20' });
    for (let i = 0; i < 2; i++)
      servers.push(await startCordon(config, { db: t.reopen(), logger: pino({ level: 'silent' }), signingKey: key }));
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await t.close();
  });

  test('a change committed through server A is announced to a client of server B', async () => {
    const ac = new AbortController();
    const res = await fetch(`${servers[1]!.url}/events?topics=audit.`, { signal: ac.signal });
    const reader = res.body!.getReader();
    await t.db.transaction((tx) => appendAudit(tx, { clock: systemClock, ids: randomIds(systemClock), actor: systemActor('a') }, { action: 'test.x', subject: 'x:1' }));
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('event: audit.checkpoint') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(text).toContain('event: audit.checkpoint');
  });

  test('a session ended through server A stops working on server B at once, though B remembered it', async () => {
    const { addPerson, SESSION_CACHE_MS } = await import('../../src/people/index.js');
    await addPerson({ db: t.db, clock: systemClock, ids: randomIds(systemClock), log: pino({ level: 'silent' }), actor: systemActor('test') }, { username: 'ines', password: 'ines-password', displayName: 'Inés' });
    const a = new Client(servers[0]!.url);
    await a.login('ines', 'ines-password');
    const b = new Client(servers[1]!.url);
    b.cookie = a.cookie;
    expect((await b.get('/auth/session')).status).toBe(200); // B looked it up and remembers it
    const ended = Date.now();
    expect((await a.post('/auth/logout', {})).status).toBe(204);
    await expect.poll(async () => (await b.get('/auth/session')).status, { timeout: SESSION_CACHE_MS, interval: 20 }).toBe(401);
    // refused before B's memory of it would have run out by itself: the notification did it
    expect(Date.now() - ended).toBeLessThan(SESSION_CACHE_MS);
  });

  test('both sealers running, every event is sealed exactly once and the chain verifies', async () => {
    const ctx = { clock: systemClock, ids: randomIds(systemClock), actor: systemActor('load') };
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.db.transaction((tx) => appendAudit(tx, ctx, { action: 'test.load', subject: `x:${i}` }))),
    );
    await expect.poll(async () => (await verifyChain(t.db)).unsealed, { timeout: 10_000 }).toBe(0);
    const report = await verifyChain(t.db);
    expect(report.ok).toBe(true);
    const [{ n, d } = { n: 0, d: 0 }] = await t.db.query<{ n: number; d: number }>(`select count(*)::int as n, count(distinct pos)::int as d from audit_event where action = 'test.load'`);
    expect([n, d]).toEqual([200, 200]);
    // the API of either server serves the same chain
    const a = (await new Client(servers[0]!.url).get('/audit/checkpoints')).body;
    const b = (await new Client(servers[1]!.url).get('/audit/checkpoints')).body;
    expect(a).toEqual(b);
  });
});

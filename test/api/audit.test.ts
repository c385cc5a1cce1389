import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { appendAudit, ephemeralSigningKey, sealAll, verifyChain } from '../../src/core/audit/index.js';
import { canonicalJson } from '../../src/core/audit/canonical.js';
import { checkpointText } from '../../src/core/audit/hash.js';
import { verifyText } from '../../src/core/audit/keys.js';
import { ManualClock } from '../../src/core/clock.js';
import { randomIds } from '../../src/core/ids.js';
import { createBody } from '../../src/councils/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
const clock = new ManualClock('2026-05-01T12:00:00Z');
const key = ephemeralSigningKey();
beforeAll(async () => {
  s = await startTestServer({ clock });
});
afterAll(() => s.close());

const db = () => s.testDb.db;
const ctx = () => ({ clock, ids: randomIds(clock), actor: systemActor('test') });

async function seal() {
  return sealAll(db(), key, clock, 7); // small batches: several checkpoints
}

describe('audit chain', () => {
  test('an event is appended in the same transaction as its change', async () => {
    const count = async () => (await db().query<{ n: number }>('select count(*)::int as n from audit_event'))[0]!.n;
    const before = await count();
    await expect(
      db().transaction(async (tx) => {
        await appendAudit(tx, ctx(), { action: 'test.rolled_back', subject: 'x:1' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
    await createBody({ ...s.system, clock }, { kind: 'cordon', name: 'Cordón Cerrillos' });
    expect(await count()).toBe(before + 1);
  });

  test('seals events into checkpoints that verify, and publishes them over HTTP', async () => {
    for (let i = 0; i < 30; i++) await db().transaction((tx) => appendAudit(tx, ctx(), { action: 'test.event', subject: `x:${i}`, payload: { i, note: 'ñandú' } }));
    expect(await seal()).toBeGreaterThanOrEqual(30);
    const report = await verifyChain(db());
    expect(report).toMatchObject({ ok: true, unsealed: 0 });
    expect(report.checkpoints).toBeGreaterThanOrEqual(5);

    const c = new Client(s.url);
    const cps = (await c.get('/audit/checkpoints')).body;
    const [pub] = (await c.get('/audit/keys')).body;
    const events = (await c.get('/audit/events?after=0&limit=10000')).body;
    expect(events.length).toBe(report.events);
    // anyone can check a checkpoint's signature with the published key
    const cp = cps.at(-1);
    const body = { batch: cp.batch, firstPos: cp.firstPos, lastPos: cp.lastPos, merkleRoot: cp.merkleRoot, chainHash: cp.chainHash, previous: cp.previous, sealedAt: cp.sealedAt, keyId: cp.keyId };
    expect(verifyText(pub.publicKey, checkpointText(body), Buffer.from(cp.signature, 'hex'))).toBe(true);
    expect(events.at(-1).chainHash).toBe(cp.chainHash);
    expect(events.find((e: { subject: string }) => e.subject === 'x:3').payload).toBe(canonicalJson({ i: 3, note: 'ñandú' }));
  });

  test('tampering with an event is caught and the event named', async () => {
    const [victim] = await db().query<{ seq: number; pos: number; id: string }>(`select seq, pos, id from audit_event where subject = 'x:11'`);
    await db().query(`update audit_event set payload = '{"i":999}' where seq = $1`, [victim!.seq]);
    const report = await verifyChain(db());
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ pos: victim!.pos, id: victim!.id, reason: expect.stringMatching(/do not match its chain hash/) });
    await db().query(`update audit_event set payload = $2 where seq = $1`, [victim!.seq, canonicalJson({ i: 11, note: 'ñandú' })]);
    expect((await verifyChain(db())).ok).toBe(true);
  });

  test('rewriting an event together with all later chain hashes is caught by the signed checkpoint', async () => {
    const rows = await db().query<{ seq: number; pos: number }>(`select seq, pos from audit_event where subject = 'x:20'`);
    const saved = await db().query<{ seq: number; actor: string }>('select seq, actor from audit_event where seq = $1', [rows[0]!.seq]);
    await db().query(`update audit_event set actor = 'person:someone-else' where seq = $1`, [rows[0]!.seq]);
    // recompute every chain hash from the altered content, as a careful forger would
    const { chainHash, leafHash, ZERO_HASH, toHex } = await import('../../src/core/audit/hash.js');
    const all = await db().query<{ seq: number; id: string; at: Date; actor: string; action: string; subject: string; payload: string }>(
      'select seq, id, at, actor, action, subject, payload from audit_event where pos is not null order by pos',
    );
    let prev: Uint8Array = ZERO_HASH;
    for (const e of all) {
      prev = chainHash(prev, leafHash(e));
      await db().query(`update audit_event set chain_hash = decode($2, 'hex') where seq = $1`, [e.seq, toHex(prev)]);
    }
    const report = await verifyChain(db());
    expect(report.ok).toBe(false);
    expect(report.firstBroken!.reason).toMatch(/Merkle root does not match its signed checkpoint/);
    expect(report.firstBroken!.pos).toBeLessThanOrEqual(rows[0]!.pos);
    // restore
    await db().query('update audit_event set actor = $2 where seq = $1', [saved[0]!.seq, saved[0]!.actor]);
    prev = ZERO_HASH;
    for (const e of await db().query<{ seq: number; id: string; at: Date; actor: string; action: string; subject: string; payload: string }>(
      'select seq, id, at, actor, action, subject, payload from audit_event where pos is not null order by pos',
    )) {
      prev = chainHash(prev, leafHash(e));
      await db().query(`update audit_event set chain_hash = decode($2, 'hex') where seq = $1`, [e.seq, toHex(prev)]);
    }
    expect((await verifyChain(db())).ok).toBe(true);
  });

  test('a deleted event is named by its position', async () => {
    const [victim] = await db().query<{ seq: number; pos: number }>(`select seq, pos from audit_event where subject = 'x:25'`);
    const [copy] = await db().query(`select * from audit_event where seq = $1`, [victim!.seq]);
    await db().query('delete from audit_event where seq = $1', [victim!.seq]);
    const report = await verifyChain(db());
    expect(report.firstBroken).toMatchObject({ pos: victim!.pos, reason: `the event at position ${victim!.pos} is missing` });
    const c = copy as Record<string, unknown>;
    await db().query(
      'insert into audit_event (seq, id, at, actor, action, subject, payload, pos, chain_hash) overriding system value values ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [c.seq, c.id, c.at, c.actor, c.action, c.subject, c.payload, c.pos, c.chain_hash],
    );
    expect((await verifyChain(db())).ok).toBe(true);
  });

  test('a forged checkpoint signature is caught', async () => {
    await db().query(`update audit_checkpoint set signature = decode(repeat('00', 64), 'hex') where batch = 2`);
    const report = await verifyChain(db());
    expect(report.firstBroken!.reason).toMatch(/checkpoint 2's signature does not verify/);
  });

  test('the checkpoint is announced live over server-sent events', async () => {
    const ac = new AbortController();
    const res = await fetch(`${s.url}/events?topics=audit.`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    await db().transaction((tx) => appendAudit(tx, ctx(), { action: 'test.live', subject: 'x:live' }));
    await seal();
    const deadline = Date.now() + 5000;
    while (!text.includes('event: audit.checkpoint') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(text).toContain('event: audit.checkpoint');
  });
});

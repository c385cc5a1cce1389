/**
 * Audit-chain cost, measured beside the write it audits, on PGlite and (when
 * DATABASE_URL is set) PostgreSQL, in the same run:
 *  - append overhead: one-row write transactions with vs without an audit event in
 *    the same transaction (goal: < 20 % more time);
 *  - sealing throughput (events/s; goal ≥ 20,000/s on PostgreSQL) beside bulk plain
 *    INSERT throughput of as many rows.
 * Usage: npm run bench -- audit-chain [--tx N] [--seal N]
 */
import { randomUUID } from 'node:crypto';
import { systemActor } from '../src/core/actor.js';
import { appendAudit, appendAuditMany, ephemeralSigningKey, sealAll, verifyChain } from '../src/core/audit/index.js';
import { systemClock } from '../src/core/clock.js';
import { randomIds } from '../src/core/ids.js';
import type { Db } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TX = arg('--tx', 3000);
const SEAL = arg('--seal', 100_000);
const ROUNDS = 5;

const ctx = { clock: systemClock, ids: randomIds(systemClock), actor: systemActor('bench') };
const TABLE = `create table bench_pickup (id uuid primary key, household uuid not null, good int not null, quantity bigint not null, idempotency_key text not null unique)`;

function pickup() {
  return [randomUUID(), randomUUID(), 7, 1500, randomUUID()];
}

async function oneRowTx(db: Db, n: number, audited: boolean): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    await db.transaction(async (tx) => {
      const row = pickup();
      await tx.query('insert into bench_pickup (id, household, good, quantity, idempotency_key) values ($1, $2, $3, $4, $5)', row);
      if (audited) await appendAudit(tx, ctx, { action: 'supply.pickup', subject: `pickup:${row[0]}`, payload: { household: row[1], good: 7, quantity: 1500 } });
    });
  return performance.now() - t0;
}

async function bulkInsert(db: Db, n: number): Promise<number> {
  const t0 = performance.now();
  for (let done = 0; done < n; done += 10_000) {
    const k = Math.min(10_000, n - done);
    const rows = Array.from({ length: k }, pickup);
    await db.query(
      `insert into bench_pickup select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::bigint[], $5::text[])`,
      [0, 1, 2, 3, 4].map((c) => rows.map((r) => r[c])),
    );
  }
  return performance.now() - t0;
}

async function measure(label: string, db: Db) {
  await migrate(db);
  await db.exec(`drop table if exists bench_pickup; ${TABLE}`);
  // warm up both paths
  await oneRowTx(db, 200, false);
  await oneRowTx(db, 200, true);
  let plain = 0;
  let audited = 0;
  for (let r = 0; r < ROUNDS; r++) {
    plain += await oneRowTx(db, TX / ROUNDS, false);
    audited += await oneRowTx(db, TX / ROUNDS, true);
  }
  const overhead = audited / plain - 1;
  console.log(`${label}: one-row write ${(TX / (plain / 1000)).toFixed(0)} tx/s plain, ${(TX / (audited / 1000)).toFixed(0)} tx/s with audit event → append overhead ${(overhead * 100).toFixed(1)} %`);

  // sealing: append SEAL events in bulk, then seal them all; beside a bulk plain insert of as many rows
  const key = ephemeralSigningKey();
  await sealAll(db, key, systemClock);
  for (let done = 0; done < SEAL; done += 10_000)
    await db.transaction((tx) =>
      appendAuditMany(tx, ctx, Array.from({ length: Math.min(10_000, SEAL - done) }, (_, i) => ({ action: 'bench.event', subject: `x:${done + i}`, payload: { i: done + i, household: randomUUID() } }))),
    );
  const insertMs = await bulkInsert(db, SEAL);
  const t0 = performance.now();
  const sealed = await sealAll(db, key, systemClock);
  const sealMs = performance.now() - t0;
  const insertRate = SEAL / (insertMs / 1000);
  const sealRate = sealed / (sealMs / 1000);
  console.log(`${label}: sealed ${sealed} events at ${sealRate.toFixed(0)} events/s; bulk plain INSERT ${insertRate.toFixed(0)} rows/s (ratio ${(sealRate / insertRate).toFixed(2)})`);
  const t1 = performance.now();
  const report = await verifyChain(db);
  const verifyRate = report.events / ((performance.now() - t1) / 1000);
  console.log(`${label}: verify ${report.ok ? 'OK' : 'BROKEN'} over ${report.events} events at ${verifyRate.toFixed(0)} events/s`);
  return { overhead, sealRate, insertRate, verifyRate, plainTps: TX / (plain / 1000) };
}

const fields: string[] = [];
const pg = await openPglite();
const a = await measure('pglite (in memory)', pg);
await pg.close();
fields.push(`pglite_append_overhead=${a.overhead.toFixed(3)}`, `pglite_seal_eps=${a.sealRate.toFixed(0)}`, `pglite_insert_rps=${a.insertRate.toFixed(0)}`, `pglite_verify_eps=${a.verifyRate.toFixed(0)}`);

const url = process.env.DATABASE_URL;
if (url) {
  const schema = `bench_${Date.now()}`;
  const admin = openPostgres({ url, max: 1 });
  await admin.exec(`create schema ${schema}`);
  const db = openPostgres({ url, schema, max: 1 });
  try {
    const b = await measure('postgresql', db);
    fields.push(`pg_append_overhead=${b.overhead.toFixed(3)}`, `pg_seal_eps=${b.sealRate.toFixed(0)}`, `pg_insert_rps=${b.insertRate.toFixed(0)}`, `pg_verify_eps=${b.verifyRate.toFixed(0)}`, `pg_write_tps=${b.plainTps.toFixed(0)}`);
  } finally {
    await db.close();
    await admin.exec(`drop schema ${schema} cascade`);
    await admin.close();
  }
} else console.log('postgresql: skipped (set DATABASE_URL to measure it)');
console.log(`BENCH name=audit-chain ${fields.join(' ')}`);

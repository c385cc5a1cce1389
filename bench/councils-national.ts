/**
 * Councils at national scale, on PostgreSQL (DATABASE_URL; a database `cordon_bench` is
 * created beside it, replaced each run):
 *  1. build the federation: 10M people in 40,000 bases, 2,000 cordones, 16 regions,
 *     one assembly (target < 10 min);
 *  2. a recall cascading three levels (target < 100 ms);
 *  3. tally a national vote of one ballot per person up the federation (target < 3 s),
 *     beside a bare count(*) of the same ballots;
 *  4. secret ballots through the HTTP API, one request per voter with a real session
 *     cookie (target ≥ 3,000/s, p99 < 50 ms), beside a bare fastify route doing one INSERT.
 * Usage: npm run bench -- councils-national [--people N] [--per-base N] [--http N] [--concurrency N] [--http-only]
 * (--http-only reuses the federation a previous run built, and runs step 4 alone)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pino from 'pino';
import { systemActor } from '../src/core/actor.js';
import { systemClock } from '../src/core/clock.js';
import { randomIds } from '../src/core/ids.js';
import { refillSeat, withdrawConfidence } from '../src/councils/index.js';
import { openRecallVote } from '../src/councils/motions.js';
import { migrate } from '../src/db/migrate.js';
import { openPostgres, type PostgresDb } from '../src/db/postgres.js';
import { root, startChild, wrk } from './lib/harness.js';
import { buildNational, COUNTRY, KIND, nationalLayout } from '../src/demo/national.js';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const size = { ...COUNTRY, people: arg('--people', COUNTRY.people), perBase: arg('--per-base', COUNTRY.perBase) };
size.districts = Math.min(size.districts, Math.ceil(size.people / size.perBase));
const HTTP = arg('--http', 100_000);
const CONCURRENCY = arg('--concurrency', 32);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('councils-national needs DATABASE_URL (a PostgreSQL server)');
  process.exit(2);
}
const benchUrl = Object.assign(new URL(url), { pathname: '/cordon_bench' }).toString();
const log = (s: string) => console.log(s);
const secs = (ms: number) => (ms / 1000).toFixed(2);

const HTTP_ONLY = process.argv.includes('--http-only');
if (!HTTP_ONLY) {
  const admin = openPostgres({ url, max: 1 });
  await admin.exec('drop database if exists cordon_bench with (force)');
  await admin.exec('create database cordon_bench');
  await admin.close();
}
const db: PostgresDb = openPostgres({ url: benchUrl, max: 4 });
await migrate(db);
const ctx = { db, clock: systemClock, ids: randomIds(systemClock), log: pino({ level: 'silent' }), actor: systemActor('bench') };
const L = nationalLayout(size);
const fields: string[] = [`people=${size.people}`, `bases=${L.bases}`];

const now = new Date();
const question = (kind: number) => `('${kind.toString(16).padStart(8, '0')}-0000-4000-8000-' || lpad(to_hex(b), 12, '0'))::uuid`;
if (HTTP_ONLY) {
  // a previous run's federation: forget its HTTP vote, keep the rest
  await db.exec(`delete from motion_ballot where motion_id in (select id from motion where title = 'Pregunta HTTP'); delete from motion_ballot_held where motion_id in (select id from motion where title = 'Pregunta HTTP'); delete from motion_voter where motion_id in (select id from motion where title = 'Pregunta HTTP'); delete from motion where title = 'Pregunta HTTP'; delete from session`);
  log('1–3. skipped (--http-only: the federation of the last run)');
} else {
  // 1. build
  const t0 = performance.now();
  await buildNational(ctx, size, (s) => log(`  build: ${s.step.padEnd(12)} ${String(s.rows).padStart(10)} rows in ${secs(s.ms)} s`));
  const buildMs = performance.now() - t0;
  log(`1. federation built in ${secs(buildMs)} s (target < 600 s)`);
  fields.push(`build_s=${secs(buildMs)}`);

  // 2. recall cascading three levels: bases 1–5 send delegates who also sit in region and assembly
  const recallMs: number[] = [];
  for (let b = 1; b <= Math.min(5, size.regions); b++) {
    const threshold = Math.floor(size.perBase / 2) + 1;
    const as = (i: number) => ({ ...ctx, actor: { kind: 'person' as const, id: L.member(b, i), isAdmin: false } });
    for (let i = 2; i <= threshold; i++) await withdrawConfidence(as(i), L.baseSeat(b), refillSeat, openRecallVote);
    const t = performance.now();
    const outcome = await withdrawConfidence(as(threshold + 1), L.baseSeat(b), refillSeat, openRecallVote);
    recallMs.push(performance.now() - t);
    if (outcome.vacated.length !== 3) throw new Error(`expected a three-level cascade, got ${outcome.vacated.length}`);
  }
  recallMs.sort((a, b) => a - b);
  log(`2. recall cascading three levels: ${recallMs.map((m) => m.toFixed(1)).join(', ')} ms (median ${recallMs[recallMs.length >> 1]!.toFixed(1)}; target < 100 ms)`);
  fields.push(`recall_cascade_ms=${recallMs[recallMs.length >> 1]!.toFixed(1)}`);

  // 3. a national vote: every base votes on the same question; tally it up the federation
  await db.query(
    `insert into motion (id, body_id, title, text, options, kind, base, threshold, quorum, secret, opens_at, closes_at, created_at)
     select ${question(0x10)}, ('00000001-0000-4000-8000-' || lpad(to_hex(${1 + size.regions + size.districts} + b), 12, '0'))::uuid,
            'Consulta nacional', '¿Aprueba el plan?', '{yes,no,abstain}', 'choice', 'cast', 0.5, 0.3, true, $1::timestamptz, $1::timestamptz + interval '7 days', $1::timestamptz
     from generate_series(1, ${L.bases}) b`,
    [now],
  );
  const tb = performance.now();
  await db.exec('alter table motion_ballot disable trigger motion_ballot_final'); // bulk set-up only; the HTTP part runs with it
  await db.query(
    `insert into motion_ballot (id, motion_id, weight, choice, receipt_hash)
     select gen_random_uuid(), ('00000010-0000-4000-8000-' || lpad(to_hex(1 + (n - 1) / ${size.perBase}), 12, '0'))::uuid, 100, n % 3,
            sha256(('r' || n)::bytea)
     from generate_series(1, ${size.people}) n`,
  );
  await db.exec('alter table motion_ballot enable trigger motion_ballot_final; analyze motion_ballot');
  log(`   (set-up: ${size.people} ballots inserted in ${secs(performance.now() - tb)} s)`);
  const tally = async () => {
    const t = performance.now();
    const rows = await db.query<{ level: string; choice: number; weight: number }>(
      `with per_base as (
         select m.body_id, b.choice, sum(b.weight)::int8 as w
         from motion_ballot b join motion m on m.id = b.motion_id
         where m.title = 'Consulta nacional' group by 1, 2
       ), per_district as (
         select base.parent_id as district, p.choice, sum(p.w) as w from per_base p join body base on base.id = p.body_id group by 1, 2
       ), per_region as (
         select d.parent_id as region, pd.choice, sum(pd.w) as w from per_district pd join body d on d.id = pd.district group by 1, 2
       )
       select 'nation' as level, choice, sum(w)::int8 as weight from per_region group by choice
       union all select 'regions', choice, count(*) from per_region group by choice
       union all select 'districts', choice, count(*) from per_district group by choice`,
    );
    return { ms: performance.now() - t, rows };
  };
  const bareCount = async () => {
    const t = performance.now();
    await db.query('select count(*) from motion_ballot');
    return performance.now() - t;
  };
  await tally(); // warm
  const tallies = [await tally(), await tally(), await tally()].sort((a, b) => a.ms - b.ms);
  const counts = [await bareCount(), await bareCount(), await bareCount()].sort((a, b) => a - b);
  const nation = tallies[1]!.rows.filter((r) => r.level === 'nation');
  if (nation.reduce((a, r) => a + Number(r.weight), 0) !== size.people * 100) throw new Error('the tally lost votes');
  log(`3. national tally of ${size.people} ballots up the federation: median ${secs(tallies[1]!.ms)} s (target < 3 s); bare count(*) ${secs(counts[1]!)} s`);
  fields.push(`tally_s=${secs(tallies[1]!.ms)}`, `count_s=${secs(counts[1]!)}`);

  }

// 4. secret ballots through the HTTP API
const voters = Math.min(HTTP, size.people);
const httpBases = Math.ceil(voters / size.perBase);
await db.query(
  `insert into motion (id, body_id, title, text, options, kind, base, threshold, quorum, secret, opens_at, closes_at, created_at)
   select ${question(0x11)}, ('00000001-0000-4000-8000-' || lpad(to_hex(${1 + size.regions + size.districts} + b), 12, '0'))::uuid,
          'Pregunta HTTP', '…', '{yes,no,abstain}', 'choice', 'cast', 0.5, 0.3, true, $1::timestamptz, $1::timestamptz + interval '7 days', $1::timestamptz
   from generate_series(1, ${httpBases}) b`,
  [now],
);
await db.query(
  `insert into session (id_hash, person_id, csrf_token, created_at, expires_at)
   select sha256(('bench-' || n)::bytea), ('${KIND.person.toString(16).padStart(8, '0')}-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'bench-csrf', now(), now() + interval '1 day'
   from generate_series(1, ${voters}) n`,
);
const motions = Array.from({ length: httpBases }, (_, b) => `00000011-0000-4000-8000-${(b + 1).toString(16).padStart(12, '0')}`);

async function load(jobArgs: Record<string, unknown>) {
  return new Promise<{ rps: number; p50: number; p99: number; errors: number; requests: number; statuses: Record<string, number> }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/load.ts', JSON.stringify(jobArgs)], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)!));
      } catch {
        reject(new Error(out));
      }
    });
  });
}

/** With Debian's wrk installed (a C load generator, far lighter than Node's http client on
 *  two cores), load runs for a time instead of a fixed count. */
const WRK = existsSync('/usr/bin/wrk') && !process.argv.includes('--node-load');

const server = await startChild(['bin/cordon.js', 'start', '--port', '0', '--no-demo'], { DATABASE_URL: benchUrl, LOG_LEVEL: 'warn', CORDON_DATA: '/tmp/cordon-bench-data' }, /Ready in [\d.]+ s at http:\/\/localhost:(\d+)/);
// wrk: every voter with a session votes once (each thread stops at the last voter); the
// time limit is only a backstop. The reference runs for as long as the ballots took.
const ballotStart = performance.now();
const ballots = WRK
  ? await wrk({ port: server.port, script: 'bench/lib/ballots.lua', args: [String(size.perBase), String(voters)], seconds: Math.max(30, Math.ceil(voters / 500)), connections: CONCURRENCY, finished: async () => {
      // voters vote in order, so the last base's motion tells when all are done (a count of
      // every ballot each time would itself load the database)
      const lastBase = motions.at(-1)!;
      const inLast = voters - (httpBases - 1) * size.perBase;
      const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int8 as n from motion_voter where motion_id = $1', [lastBase]);
      return n >= Math.max(1, inLast - CONCURRENCY); // the last requests in flight when the threads stopped may never be sent
    } })
  : await load({ url: `http://127.0.0.1:${server.port}`, requests: voters, concurrency: CONCURRENCY, kind: 'ballots', perBase: size.perBase, motions });
const seconds = Math.max(5, Math.min(60, Math.round((performance.now() - ballotStart) / 1000)));
await server.stop();
const ref = await startChild(['--import', 'tsx', 'bench/lib/ref-server.ts'], { DATABASE_URL: benchUrl }, /READY (\d+)/);
const insert = WRK
  ? await wrk({ port: ref.port, script: 'bench/lib/insert.lua', args: [], seconds, connections: CONCURRENCY })
  : await load({ url: `http://127.0.0.1:${ref.port}`, requests: Math.min(voters, 100_000), concurrency: CONCURRENCY, kind: 'insert' });
await ref.stop();
log(`   load generator: ${WRK ? `wrk (ballots: every voter once; reference: ${seconds} s)` : 'node http client (bench/lib/load.ts)'}, ${CONCURRENCY} connections`);
const sent = WRK ? ballots.requests : voters;
log(`4. ${sent} secret ballots over HTTP: ${ballots.rps.toFixed(0)}/s, p50 ${ballots.p50.toFixed(1)} ms, p99 ${ballots.p99.toFixed(1)} ms, errors ${ballots.errors} ${JSON.stringify(ballots.statuses)} (target ≥ 3000/s, p99 < 50 ms)`);
log(`   reference, bare fastify route with one INSERT: ${insert.rps.toFixed(0)}/s, p50 ${insert.p50.toFixed(1)} ms, p99 ${insert.p99.toFixed(1)} ms`);
const [{ n: stored } = { n: 0 }] = await db.query<{ n: number }>(
  `select count(*)::int8 as n from (select motion_id from motion_ballot union all select motion_id from motion_ballot_held) b join motion m on m.id = b.motion_id where m.title = 'Pregunta HTTP'`,
);
// every answered ballot is stored; with wrk, requests still in flight when time runs out are stored unanswered
if (stored < sent - ballots.errors || stored > sent - ballots.errors + CONCURRENCY) throw new Error(`ballots stored ${stored}, answered ${sent - ballots.errors}`);
fields.push(
  `http_ballots=${sent}`,
  `load=${WRK ? 'wrk' : 'node'}`,
  `ballots_rps=${ballots.rps.toFixed(0)}`,
  `ballots_p99_ms=${ballots.p99.toFixed(1)}`,
  `insert_rps=${insert.rps.toFixed(0)}`,
  `insert_p99_ms=${insert.p99.toFixed(1)}`,
  `ballots_vs_insert=${(ballots.rps / insert.rps).toFixed(2)}`,
);
await db.close();
console.log(`BENCH name=councils-national ${fields.join(' ')}`);

/**
 * Santiago's JAPs at full size, on PostgreSQL (DATABASE_URL; a database `cordon_supply`
 * is created beside it, replaced each run):
 *  1. import 300,000 households (about a million people) into 600 supply committees from
 *     the register CSV, committee by committee, with duplicate detection (target < 60 s);
 *  2. compute a week's rations of 20 goods for every committee (target < 10 s);
 *  3. record pickups through the HTTP API — real officer sessions, client ids, audit
 *     events — for `--seconds` (default 120) with wrk (target ≥ 2,000/s, p99 < 50 ms),
 *     beside a bare fastify route doing one INSERT for the same time;
 *  4. check that the ledger balances for every good and committee.
 * Usage: npm run bench -- supply-santiago [--households N] [--committees N] [--seconds S]
 */
import { existsSync, writeFileSync } from 'node:fs';
import pino from 'pino';
import { systemActor } from '../src/core/actor.js';
import { systemClock } from '../src/core/clock.js';
import { randomIds } from '../src/core/ids.js';
import { migrate } from '../src/db/migrate.js';
import { openPostgres } from '../src/db/postgres.js';
import { computeRations, createGood, createPeriod, importHouseholds } from '../src/supply/index.js';
import { startChild, wrk } from './lib/harness.js';
import { householdsOf, plantedFound, referenceInsert, registerGenerator } from './lib/register.js';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const HOUSEHOLDS = arg('--households', 300_000);
const COMMITTEES = arg('--committees', 600);
const SECONDS = arg('--seconds', 120);
const DISTRICTS = Math.max(1, Math.round(COMMITTEES / 20));
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('supply-santiago needs DATABASE_URL (a PostgreSQL server)');
  process.exit(2);
}
if (!existsSync('/usr/bin/wrk')) {
  console.error('supply-santiago needs wrk (apt-get install wrk) to load the HTTP API');
  process.exit(2);
}
const benchUrl = Object.assign(new URL(url), { pathname: '/cordon_supply' }).toString();
const log = (s: string) => console.log(s);
const secs = (ms: number) => (ms / 1000).toFixed(2);

const admin = openPostgres({ url, max: 1 });
await admin.exec('drop database if exists cordon_supply with (force)');
await admin.exec('create database cordon_supply');
await admin.close();
const db = openPostgres({ url: benchUrl, max: 4 });
await migrate(db);
const ctx = { db, clock: systemClock, ids: randomIds(systemClock), log: pino({ level: 'silent' }), actor: systemActor('bench') };
const fields: string[] = [`households=${HOUSEHOLDS}`, `committees=${COMMITTEES}`];

// the federation: a region, districts, committees; one officer per committee with a session
const id = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const now = new Date();
await db.query(
  `insert into body (id, kind, name, parent_id, created_at)
   select ('00000001-0000-4000-8000-' || lpad(to_hex(1), 12, '0'))::uuid, 'regional', 'Región Metropolitana', null, $1
   union all select ('00000001-0000-4000-8000-' || lpad(to_hex(1 + d), 12, '0'))::uuid, 'cordon', 'Cordón ' || d, ('00000001-0000-4000-8000-' || lpad(to_hex(1), 12, '0'))::uuid, $1 from generate_series(1, ${DISTRICTS}) d
   union all select ('00000001-0000-4000-8000-' || lpad(to_hex(1 + ${DISTRICTS} + c), 12, '0'))::uuid, 'supply_committee', 'JAP ' || c,
                    ('00000001-0000-4000-8000-' || lpad(to_hex(2 + (c - 1) % ${DISTRICTS}), 12, '0'))::uuid, $1 from generate_series(1, ${COMMITTEES}) c`,
  [now],
);
const committee = (c: number) => id(1, 1 + DISTRICTS + c);
await db.query(
  `insert into person (id, username, display_name, created_at) select ('00000000-0000-4000-8000-' || lpad(to_hex(c), 12, '0'))::uuid, 'officer' || c, 'Officer ' || c, $1 from generate_series(1, ${COMMITTEES}) c`,
  [now],
);
await db.query(
  `insert into membership (id, body_id, person_id, since)
   select gen_random_uuid(), ('00000001-0000-4000-8000-' || lpad(to_hex(1 + ${DISTRICTS} + c), 12, '0'))::uuid, ('00000000-0000-4000-8000-' || lpad(to_hex(c), 12, '0'))::uuid, $1 from generate_series(1, ${COMMITTEES}) c`,
  [now],
);
await db.query(
  `insert into office (id, body_id, person_id, title, since)
   select gen_random_uuid(), ('00000001-0000-4000-8000-' || lpad(to_hex(1 + ${DISTRICTS} + c), 12, '0'))::uuid, ('00000000-0000-4000-8000-' || lpad(to_hex(c), 12, '0'))::uuid, 'supply_officer', $1 from generate_series(1, ${COMMITTEES}) c`,
  [now],
);
await db.query(
  `insert into session (id_hash, person_id, csrf_token, created_at, expires_at)
   select sha256(('officer-' || c)::bytea), ('00000000-0000-4000-8000-' || lpad(to_hex(c), 12, '0'))::uuid, 'bench-csrf', now(), now() + interval '1 day' from generate_series(1, ${COMMITTEES}) c`,
);

// 1. the register, committee by committee (bench/lib/register.ts), with people planted twice
const register = registerGenerator(1972);
const t1 = performance.now();
let duplicates = 0;
let people = 0;
let csvBytes = 0;
for (let c = 1; c <= COMMITTEES; c++) {
  const { csv, people: n } = register.committee(c, householdsOf(c, HOUSEHOLDS, COMMITTEES));
  people += n;
  csvBytes += csv.length;
  const r = await importHouseholds(ctx, { committeeId: committee(c), text: csv });
  if (!r.written || r.errors.length) throw new Error(`committee ${c}: ${JSON.stringify(r.errors.slice(0, 3))}`);
  duplicates += r.duplicates;
  if (c % 100 === 0) log(`   imported ${c} committees in ${secs(performance.now() - t1)} s`);
}
const importMs = performance.now() - t1;
const found = await plantedFound(db, register.planted);
const refMs = await referenceInsert(db, HOUSEHOLDS, people);
log(`1. imported ${HOUSEHOLDS} households (${people} people, ${(csvBytes / 1e6).toFixed(0)} MB of CSV) into ${COMMITTEES} committees in ${secs(importMs)} s (target < 60 s)`);
log(`   ${duplicates} possible duplicates flagged; of ${register.planted.length} people registered twice on purpose, ${found} flagged`);
log(`   reference, the same rows by bare INSERTs without checks or indexes: ${secs(refMs)} s`);
fields.push(`people=${people}`, `import_s=${secs(importMs)}`, `import_ref_s=${secs(refMs)}`, `import_vs_ref=${(refMs / importMs).toFixed(2)}`, `duplicates=${duplicates}`, `planted=${register.planted.length}`, `planted_found=${found}`);

// 2. twenty goods, a delivery of each to every committee (about 80% of need), the week's rations
const goods = Array.from({ length: 20 }, (_, g) => `good${g + 1}`);
for (const [g, code] of goods.entries())
  await createGood(ctx, { code, name: `Good ${g + 1}`, unit: g % 3 === 0 ? 'ml' : 'g', needRule: g === 19 ? { kind: 'per_child', perChild: 1000 } : { kind: 'equivalent_adult', perAdult: 500 + 100 * g } });
await db.query(
  `insert into stock_move (id, good_id, kind, to_committee, quantity, at)
   select gen_random_uuid(), g.id, 'delivery', h.committee_id, (count(*) * (500 + 100 * (substr(g.code, 5)::int - 1)) * 1.4)::int8, now()
   from household h cross join good g group by h.committee_id, g.id, g.code`,
);
const period = await createPeriod(ctx, { name: 'Semana 1', starts: now.toISOString().slice(0, 10), ends: new Date(now.getTime() + 6 * 86_400_000).toISOString().slice(0, 10), goods });
const t2 = performance.now();
const rations = await computeRations(ctx, { periodId: period.id });
const rationMs = performance.now() - t2;
log(`2. rations of ${goods.length} goods for ${rations.households} households in ${rations.committees} committees: ${secs(rationMs)} s (target < 10 s)`);
fields.push(`rations_s=${secs(rationMs)}`);

// 3. pickups over HTTP: each request is one household's pickup of one unit of one good,
// recorded by its committee's officer; the wrk script reads "card cookie" pairs
const cards = await db.query<{ code: string; cookie: string }>(
  `select c.code, 'officer-' || substr(p.username, 8) as cookie
   from ration_card c join household h on h.id = c.household_id
   join office o on o.body_id = h.committee_id and o.title = 'supply_officer' join person p on p.id = o.person_id
   where c.revoked_at is null order by random()`,
);
writeFileSync('/tmp/cordon-pickups.txt', cards.map((c) => `${c.code} ${c.cookie}`).join('\n') + '\n');
const server = await startChild(['bin/cordon.js', 'start', '--port', '0', '--no-demo'], { DATABASE_URL: benchUrl, LOG_LEVEL: 'warn', CORDON_DATA: '/tmp/cordon-bench-data' }, /Ready in [\d.]+ s at http:\/\/localhost:(\d+)/);
const pickups = await wrk({ port: server.port, script: 'bench/lib/pickups.lua', args: ['/tmp/cordon-pickups.txt', goods[0]!], seconds: SECONDS, connections: 32 });
await server.stop();
const ref = await startChild(['--import', 'tsx', 'bench/lib/ref-server.ts'], { DATABASE_URL: benchUrl }, /READY (\d+)/);
const insert = await wrk({ port: ref.port, script: 'bench/lib/insert.lua', args: [], seconds: SECONDS, connections: 32 });
await ref.stop();
log(`3. ${pickups.requests} pickups over HTTP in ${SECONDS} s: ${pickups.rps.toFixed(0)}/s, p50 ${pickups.p50.toFixed(1)} ms, p99 ${pickups.p99.toFixed(1)} ms, refused ${pickups.errors} (target ≥ 2,000/s, p99 < 50 ms)`);
log(`   reference, bare fastify route with one INSERT: ${insert.rps.toFixed(0)}/s, p50 ${insert.p50.toFixed(1)} ms, p99 ${insert.p99.toFixed(1)} ms`);
fields.push(`pickups=${pickups.requests}`, `pickups_rps=${pickups.rps.toFixed(0)}`, `pickups_p99_ms=${pickups.p99.toFixed(1)}`, `refused=${pickups.errors}`, `insert_rps=${insert.rps.toFixed(0)}`, `pickups_vs_insert=${(pickups.rps / insert.rps).toFixed(2)}`);

// 4. the ledger balances exactly, for every good and committee
const [check] = await db.query<{ pairs: number; off: number; picked: number; recorded: number }>(
  `with moves as (
     select c as committee_id, good_id, sum(q) as net from (
       select to_committee as c, good_id, quantity as q from stock_move where to_committee is not null
       union all select from_committee, good_id, -quantity from stock_move where from_committee is not null) m group by c, good_id)
   select count(*)::int as pairs, count(*) filter (where m.net <> b.quantity)::int as off,
          (select coalesce(sum(quantity), 0) from stock_move where kind = 'pickup')::int8 as picked,
          (select count(*) from pickup)::int8 as recorded
   from moves m join stock_balance b on b.committee_id = m.committee_id and b.good_id = m.good_id`,
);
log(`4. ledger: ${check!.pairs} committee × good balances, ${check!.off} off; ${check!.recorded} pickups recorded, ${check!.picked} units out`);
if (check!.off !== 0) throw new Error('the ledger does not balance');
fields.push(`ledger_off=${check!.off}`);
await db.close();
console.log(`BENCH name=supply-santiago ${fields.join(' ')}`);

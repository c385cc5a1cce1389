/**
 * The national register on PostgreSQL (DATABASE_URL; a database `cordon_national_supply`
 * is created beside it, replaced each run):
 *  1. import 2,500,000 households (about 5.8 million people) into 5,000 supply committees
 *     under 250 districts and 16 regions, from the register CSV, committee by committee,
 *     with duplicate detection (target < 5 min), beside plain INSERTs of the same rows;
 *  2. compute the national rations of one good for every committee (target < 5 s).
 * Usage: npm run bench -- supply-national [--households N] [--committees N] [--concurrency N]
 * (--concurrency: committees importing at once, default 2)
 */
import pino from 'pino';
import { systemActor } from '../src/core/actor.js';
import { systemClock } from '../src/core/clock.js';
import { randomIds } from '../src/core/ids.js';
import { migrate } from '../src/db/migrate.js';
import { openPostgres } from '../src/db/postgres.js';
import { computeRations, createGood, createPeriod, importHouseholds } from '../src/supply/index.js';
import { householdsOf, plantedFound, referenceInsert, registerGenerator } from './lib/register.js';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const HOUSEHOLDS = arg('--households', 2_500_000);
const COMMITTEES = arg('--committees', 5_000);
const CONCURRENCY = arg('--concurrency', 2);
const DISTRICTS = Math.max(1, Math.round(COMMITTEES / 20));
const REGIONS = Math.min(16, DISTRICTS);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('supply-national needs DATABASE_URL (a PostgreSQL server)');
  process.exit(2);
}
const benchUrl = Object.assign(new URL(url), { pathname: '/cordon_national_supply' }).toString();
const log = (s: string) => console.log(s);
const secs = (ms: number) => (ms / 1000).toFixed(2);

const admin = openPostgres({ url, max: 1 });
await admin.exec('drop database if exists cordon_national_supply with (force)');
await admin.exec('create database cordon_national_supply');
await admin.close();
const db = openPostgres({ url: benchUrl, max: 8 });
await migrate(db);
const ctx = { db, clock: systemClock, ids: randomIds(systemClock), log: pino({ level: 'silent' }), actor: systemActor('bench') };
const fields: string[] = [`households=${HOUSEHOLDS}`, `committees=${COMMITTEES}`, `concurrency=${CONCURRENCY}`];

// the federation: the nation, its regions, districts (cordones) and supply committees
const uuid = (kind: number, n: number) => `0000000${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const now = new Date();
await db.query(`insert into body (id, kind, name, parent_id, created_at) values ($1, 'national_assembly', 'Asamblea Popular', null, $2)`, [uuid(1, 0), now]);
await db.query(
  `insert into body (id, kind, name, parent_id, created_at)
   select ('00000002-0000-4000-8000-' || lpad(to_hex(r), 12, '0'))::uuid, 'regional', 'Región ' || r, $1::uuid, $2 from generate_series(1, ${REGIONS}) r`,
  [uuid(1, 0), now],
);
await db.query(
  `insert into body (id, kind, name, parent_id, created_at)
   select ('00000003-0000-4000-8000-' || lpad(to_hex(d), 12, '0'))::uuid, 'cordon', 'Cordón ' || d,
          ('00000002-0000-4000-8000-' || lpad(to_hex(1 + (d - 1) % ${REGIONS}), 12, '0'))::uuid, $1 from generate_series(1, ${DISTRICTS}) d`,
  [now],
);
await db.query(
  `insert into body (id, kind, name, parent_id, created_at)
   select ('00000004-0000-4000-8000-' || lpad(to_hex(c), 12, '0'))::uuid, 'supply_committee', 'JAP ' || c,
          ('00000003-0000-4000-8000-' || lpad(to_hex(1 + (c - 1) % ${DISTRICTS}), 12, '0'))::uuid, $1 from generate_series(1, ${COMMITTEES}) c`,
  [now],
);

// 1. the register, committee by committee, CONCURRENCY committees' officers importing at
// once (each import is its own transaction, as when committees load their registers)
const register = registerGenerator(1973);
let people = 0;
let duplicates = 0;
let next = 1;
let done = 0;
const t1 = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next <= COMMITTEES) {
      const c = next++;
      const { csv, people: n } = register.committee(c, householdsOf(c, HOUSEHOLDS, COMMITTEES));
      people += n;
      const r = await importHouseholds(ctx, { committeeId: uuid(4, c), text: csv });
      if (!r.written || r.errors.length) throw new Error(`committee ${c}: ${JSON.stringify(r.errors.slice(0, 3))}`);
      duplicates += r.duplicates;
      if (++done % Math.max(1, Math.round(COMMITTEES / 20)) === 0) {
        const s = (performance.now() - t1) / 1000;
        log(`   imported ${done} of ${COMMITTEES} committees (${people} people) in ${s.toFixed(0)} s; about ${((s / done) * (COMMITTEES - done)).toFixed(0)} s to go`);
      }
    }
  }),
);
const importMs = performance.now() - t1;
const found = await plantedFound(db, register.planted);
const refMs = await referenceInsert(db, HOUSEHOLDS, people);
log(`1. imported ${HOUSEHOLDS} households (${people} people) into ${COMMITTEES} committees in ${secs(importMs)} s (target < 300 s): ${(HOUSEHOLDS / (importMs / 1000)).toFixed(0)} households/s`);
log(`   ${duplicates} possible duplicates flagged; of ${register.planted.length} people registered twice on purpose, ${found} flagged`);
log(`   reference, the same rows by bare INSERTs without checks or indexes: ${secs(refMs)} s`);
fields.push(`people=${people}`, `import_s=${secs(importMs)}`, `import_ref_s=${secs(refMs)}`, `import_vs_ref=${(refMs / importMs).toFixed(2)}`, `duplicates=${duplicates}`, `planted=${register.planted.length}`, `planted_found=${found}`);

// 2. one good, delivered to every committee at about 80% of its need, shared nationally
await createGood(ctx, { code: 'flour', name: 'Harina', unit: 'g', needRule: { kind: 'equivalent_adult', perAdult: 1000 } });
await db.query(
  `insert into stock_move (id, good_id, kind, to_committee, quantity, at)
   select gen_random_uuid(), g.id, 'delivery', h.committee_id, (count(*) * 1000 * 1.3)::int8, now()
   from household h cross join good g group by h.committee_id, g.id`,
);
await db.exec('vacuum analyze');
const day = now.toISOString().slice(0, 10);
const period = await createPeriod(ctx, { name: 'Semana nacional', starts: day, ends: new Date(now.getTime() + 6 * 86_400_000).toISOString().slice(0, 10), goods: ['flour'] });
const t2 = performance.now();
const rations = await computeRations(ctx, { periodId: period.id });
const rationMs = performance.now() - t2;
// the reference: reading the same members and writing the same number of rows, no sharing
const t3 = performance.now();
await db.transaction(async (tx) => {
  await tx.query(`select h.id, h.committee_id, m.birth_date, m.needs from household h join household_member m on m.household_id = h.id and m.until is null`);
  await tx.query(`create temp table ref_entitlement on commit drop as select period_id, household_id, committee_id, needs, rations, collected from entitlement where false`);
  await tx.query(`insert into ref_entitlement select $1::uuid, id, committee_id, '{1}', '{1}', '{0}' from household`, [period.id]);
});
const refRationMs = performance.now() - t3;
const g = rations.goods[0]!;
log(`2. national rations of one good for ${rations.households} households in ${rations.committees} committees: ${secs(rationMs)} s (target < 5 s); need ${g.need}, stock ${g.stock}, allocated ${g.allocated}`);
log(`   reference, reading the same members and writing as many rows with no sharing: ${secs(refRationMs)} s`);
fields.push(`rations_s=${secs(rationMs)}`, `rations_ref_s=${secs(refRationMs)}`, `rations_vs_ref=${(refRationMs / rationMs).toFixed(2)}`);
await db.close();
console.log(`BENCH name=supply-national ${fields.join(' ')}`);

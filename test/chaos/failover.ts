/**
 * Failover with nothing lost (issue 8). On this machine's PostgreSQL it makes a primary
 * and a hot standby in synchronous replication (pg_createcluster, pg_basebackup), starts
 * a Cordón server whose DATABASE_URL names both hosts (target_session_attrs=read-write),
 * and loads it with pickups and secret ballots from concurrent clients that retry until
 * they get an answer. Part-way through, the primary is stopped hard (immediate mode: no
 * checkpoint, every backend killed) and the standby promoted. Then a checker compares
 * what every client was told with the final database:
 *  - every acknowledged pickup is there, none twice, the stock ledger balances;
 *  - every acknowledged ballot is there (its receipt checks), one per voter mark;
 *  - the audit chain verifies;
 *  - the server answered again after the failover, without a restart.
 * Usage (as root, with PostgreSQL installed): node --import tsx test/chaos/failover.ts
 * [--households N] [--voters N]. Last line: CHAOS name=failover … ok=true|false.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemActor } from '../../src/core/actor.js';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger, type Ctx } from '../../src/core/context.js';
import { randomIds } from '../../src/core/ids.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { addMembers, createBody, grantOffice, proposeMotion } from '../../src/councils/index.js';
import { computeRations, createGood, createPeriod, importHouseholds } from '../../src/supply/index.js';
import { registerGenerator } from '../../bench/lib/register.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const HOUSEHOLDS = arg('--households', 600);
const VOTERS = arg('--voters', 600);
const WORKERS = 12; // concurrent clients of each kind
const V = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)).at(-1)!;
const PRI = { name: 'cordon_chaos_pri', port: 5461 };
const STB = { name: 'cordon_chaos_stb', port: 5462 };
const DB = 'chaos';
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${s}`);
const t0 = performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const asPostgres = (cmd: string) => sh('su', ['postgres', '-c', cmd]);
const psql = (port: number, query: string) => sh('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-tAc', query]).trim();
const cluster = (action: string, c: { name: string }, ...more: string[]) => sh('pg_ctlcluster', ['--skip-systemctl-redirect', ...more, V, c.name, action]);
const dropCluster = (c: { name: string }) => {
  try {
    sh('pg_dropcluster', ['--stop', V, c.name]);
  } catch {
    // it did not exist
  }
};

// ── 1. a primary and a synchronous hot standby ──────────────────────────────────────
function makeClusters() {
  dropCluster(STB);
  dropCluster(PRI);
  for (const c of [PRI, STB]) sh('pg_createcluster', [V, c.name, '-p', String(c.port), '--', '--auth-host=trust', '--auth-local=trust']);
  writeFileSync(
    `/etc/postgresql/${V}/${PRI.name}/conf.d/chaos.conf`,
    [
      "listen_addresses = '127.0.0.1'",
      'synchronous_commit = on',
      'wal_level = replica',
      'max_wal_senders = 4',
    ].join('\n') + '\n',
  );
  writeFileSync(`/etc/postgresql/${V}/${STB.name}/conf.d/chaos.conf`, "listen_addresses = '127.0.0.1'\nhot_standby = on\n");
  cluster('start', PRI);
  psql(PRI.port, `create database ${DB}`);
  const data = `/var/lib/postgresql/${V}/${STB.name}`;
  asPostgres(`rm -rf ${data} && pg_basebackup -h 127.0.0.1 -p ${PRI.port} -U postgres -D ${data} -R -X stream -c fast`);
  cluster('start', STB);
}

/** From now on every commit waits until the standby has it on disk: what was acknowledged
 *  survives the primary. (Set once the standby streams: before, commits would wait for it.) */
function requireSynchronousStandby() {
  psql(PRI.port, "alter system set synchronous_standby_names = '*'");
  psql(PRI.port, 'select pg_reload_conf()');
}

async function waitFor(what: string, check: () => boolean, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// ── 2. a supply committee with households and rations, a workplace with an open secret vote ─
interface World {
  cards: string[];
  officerCookie: string;
  motionId: string;
  voterCookies: string[];
}

async function seed(url: string): Promise<World> {
  const db = openPostgres({ url, max: 4 });
  await migrate(db);
  const sys: Ctx = { db, clock: systemClock, ids: randomIds(systemClock), log: silentLogger, actor: systemActor('chaos') };
  const now = new Date();
  const people = await db.query<{ id: string; n: number }>(
    `insert into person (id, username, display_name, created_at)
     select gen_random_uuid(), 'chaos' || n, 'Persona ' || n, $1 from generate_series(0, ${VOTERS}) n returning id, substr(username, 6)::int as n`,
    [now],
  );
  const byN = new Map(people.map((p) => [p.n, p.id]));
  await db.query(
    `insert into session (id_hash, person_id, csrf_token, created_at, expires_at)
     select sha256(('chaos-' || substr(p.username, 6))::bytea), p.id, 'chaos-csrf', now(), now() + interval '1 day' from person p where p.username like 'chaos%'`,
  );
  const officer = byN.get(0)!;
  const jap = await createBody(sys, { kind: 'supply_committee', name: 'JAP Población La Victoria' });
  await addMembers(sys, jap.id, [officer]);
  await grantOffice(sys, { bodyId: jap.id, personId: officer, title: 'supply_officer' });
  const { csv } = registerGenerator(1973).committee(1, HOUSEHOLDS);
  const imported = await importHouseholds(sys, { committeeId: jap.id, text: csv });
  if (!imported.written || imported.errors.length) throw new Error(`import: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  await createGood(sys, { code: 'harina', name: 'Harina', unit: 'g', needRule: { kind: 'equivalent_adult', perAdult: 1000 } });
  await db.query(
    `insert into stock_move (id, good_id, kind, to_committee, quantity, at) select gen_random_uuid(), g.id, 'delivery', $1, 10000000, now() from good g where g.code = 'harina'`,
    [jap.id],
  );
  const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10);
  const period = await createPeriod(sys, { name: 'Semana de prueba', starts: day(0), ends: day(6), goods: ['harina'] });
  await computeRations(sys, { periodId: period.id });
  const cards = (await db.query<{ code: string }>('select code from ration_card where revoked_at is null order by random()')).map((c) => c.code);

  const textil = await createBody(sys, { kind: 'workplace', name: 'Textil Progreso' });
  const voters = Array.from({ length: VOTERS }, (_, i) => byN.get(i + 1)!);
  await addMembers(sys, textil.id, voters);
  const motion = await proposeMotion({ ...sys, actor: { kind: 'person', id: voters[0]!, isAdmin: false } }, { bodyId: textil.id, title: 'Turnos de la planta', text: 'Cuatro turnos de seis horas.', days: 7 });
  await db.close();
  return { cards, officerCookie: 'chaos-0', motionId: motion.id, voterCookies: Array.from({ length: VOTERS }, (_, i) => `chaos-${i + 1}`) };
}

// ── 3. the server, and clients that retry until they are answered ───────────────────
function startServer(url: string, dataDir: string, logFile: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/cordon.js', 'start', '--port', '0', '--no-demo'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', CORDON_DATA: dataDir },
    });
    const out = createWriteStream(logFile);
    let seen = '';
    const onData = (d: Buffer) => {
      out.write(d);
      seen += d;
      const m = /Ready in [\d.]+ s at (http:\/\/localhost:\d+)/.exec(seen);
      if (m) resolve({ child, base: m[1]! });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}); see ${logFile}`)));
  });
}

interface Outcome {
  acked: boolean;
  attempts: number;
  at: number;
  status?: number;
  code?: string;
}

/** Sends one write until a definitive answer: network errors, 5xx and "retry" conflicts are retried. */
async function untilAnswered(send: () => Promise<Response>, isAck: (status: number, body: Record<string, unknown>, attempts: number) => boolean, deadline: number): Promise<Outcome> {
  for (let attempts = 1; ; attempts++) {
    try {
      const res = await send();
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status < 500 && res.status !== 429 && body.code !== 'idempotency_in_progress') {
        return { acked: isAck(res.status, body, attempts), attempts, at: performance.now(), status: res.status, code: body.code as string | undefined };
      }
    } catch {
      // the connection failed or timed out: the outcome is unknown, so ask again
    }
    if (performance.now() > deadline) return { acked: false, attempts, at: performance.now(), code: 'gave_up' };
    await sleep(Math.min(1000, 50 * attempts));
  }
}

async function main() {
  log(`PostgreSQL ${V}: primary on ${PRI.port}, standby on ${STB.port}`);
  makeClusters();
  await waitFor('the standby to stream', () => psql(PRI.port, 'select count(*) from pg_stat_replication') === '1');
  requireSynchronousStandby();
  await waitFor('the standby to replicate synchronously', () => psql(PRI.port, "select sync_state from pg_stat_replication") === 'sync');
  log('standby in synchronous replication');
  const world = await seed(`postgres://postgres@127.0.0.1:${PRI.port}/${DB}`);
  log(`seeded: ${world.cards.length} households with rations, ${world.voterCookies.length} voters on an open secret motion`);

  const both = `postgres://postgres@127.0.0.1:${PRI.port},127.0.0.1:${STB.port}/${DB}?target_session_attrs=read-write`;
  const serverLog = join(tmpdir(), 'cordon-chaos-server.log');
  const dataDir = mkdtempSync(join(tmpdir(), 'cordon-chaos-')); // the audit signing key
  const server = await startServer(both, dataDir, serverLog);
  log(`server at ${server.base} (log ${serverLog})`);

  const deadline = performance.now() + 120_000;
  const post = (path: string, cookie: string, body: unknown) =>
    fetch(`${server.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `cordon_session=${cookie}`, 'x-csrf-token': 'chaos-csrf' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });

  // pickups: one per household, each with its client-made id (a retry is the same pickup)
  const pickups = world.cards.map((card) => ({ card, id: randomUUID(), outcome: undefined as Outcome | undefined }));
  // ballots: one per voter; a ballot takes no Idempotency-Key (its receipt is not stored
  // beside its voter): a retry whose first attempt was counted is told "already voted"
  const ballots = world.voterCookies.map((cookie, i) => ({ cookie, choice: i % 3, outcome: undefined as Outcome | undefined, receipt: undefined as string | undefined }));
  let failoverAt = Number.POSITIVE_INFINITY;
  const work = async <T>(items: T[], one: (item: T) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: WORKERS }, async () => {
      while (next < items.length) await one(items[next++]!);
    }));
  };
  // a steady pace, so that load is still arriving when the primary goes
  const paced = async () => sleep(20);
  const load = Promise.all([
    work(pickups, async (p) => {
      p.outcome = await untilAnswered(
        () => post('/supply/pickups', world.officerCookie, { id: p.id, card: p.card, point: 'mesa 1', lines: [{ good: 'harina', quantity: 1 }] }),
        (status) => status === 200 || status === 201,
        deadline,
      );
      await paced();
    }),
    work(ballots, async (b) => {
      b.outcome = await untilAnswered(
        async () => {
          const res = await post(`/motions/${world.motionId}/votes`, b.cookie, { choice: b.choice });
          if (res.ok) b.receipt = ((await res.clone().json()) as { receipt?: string }).receipt;
          return res;
        },
        (status, body, attempts) => status === 200 || status === 201 || (attempts > 1 && body.code === 'already_voted'),
        deadline,
      );
      await paced();
    }),
  ]);

  // part-way through, the primary goes down hard and the standby is promoted
  const acked = () => pickups.filter((p) => p.outcome?.acked).length + ballots.filter((b) => b.outcome?.acked).length;
  await waitFor('a third of the writes', () => acked() >= (pickups.length + ballots.length) / 3, 60_000);
  log(`${acked()} writes acknowledged; stopping the primary (immediate mode)`);
  failoverAt = performance.now();
  cluster('stop', PRI, '--mode', 'immediate');
  await sleep(1000);
  cluster('promote', STB);
  await waitFor('the standby to accept writes', () => psql(STB.port, 'select pg_is_in_recovery()') === 'f');
  log(`standby promoted ${((performance.now() - failoverAt) / 1000).toFixed(1)} s after the primary stopped`);
  await load;
  const firstAfter = Math.min(...[...pickups, ...ballots].map((x) => x.outcome!).filter((o) => o.acked && o.at > failoverAt).map((o) => o.at));
  log(`load done; first write acknowledged ${((firstAfter - failoverAt) / 1000).toFixed(1)} s after the primary stopped`);
  // each receipt, through the API of the server that lived through the failover
  const problems: string[] = [];
  let receiptsChecked = 0;
  for (const b of ballots.filter((x) => x.outcome!.acked && x.receipt)) {
    const res = await fetch(`${server.base}/motions/${world.motionId}/receipts/${encodeURIComponent(b.receipt!)}`, { headers: { cookie: `cordon_session=${b.cookie}` } });
    if (res.ok) receiptsChecked++;
    else problems.push(`the receipt of an acknowledged ballot does not check (${res.status}): ${b.receipt}`);
  }
  await new Promise<void>((r) => {
    server.child.removeAllListeners('exit');
    server.child.once('exit', () => r());
    server.child.kill('SIGTERM');
  });

  // ── 4. the checker ─────────────────────────────────────────────────────────────────
  const db = openPostgres({ url: `postgres://postgres@127.0.0.1:${STB.port}/${DB}`, max: 2 });
  const refused = [...pickups, ...ballots].filter((x) => !x.outcome!.acked);
  for (const r of refused.slice(0, 5)) problems.push(`a write was not acknowledged: ${JSON.stringify(r)}`);

  const ackedPickups = pickups.filter((p) => p.outcome!.acked).map((p) => p.id);
  const [pk] = await db.query<{ found: number; total: number; doubled: number }>(
    `select (select count(*) from pickup where id = any($1::uuid[]))::int as found, (select count(*) from pickup)::int as total,
            (select count(*) from (select household_id from pickup group by household_id having count(*) > 1) d)::int as doubled`,
    [ackedPickups],
  );
  if (pk!.found !== ackedPickups.length) problems.push(`acknowledged pickups lost: ${ackedPickups.length - pk!.found}`);
  if (pk!.doubled !== 0) problems.push(`households that collected twice: ${pk!.doubled}`);
  if (pk!.total > pickups.length) problems.push(`more pickups recorded (${pk!.total}) than were sent (${pickups.length})`);
  const [ledger] = await db.query<{ off: number; out: number; collected: number }>(
    `with moves as (
       select c as committee_id, good_id, sum(q) as net from (
         select to_committee as c, good_id, quantity as q from stock_move where to_committee is not null
         union all select from_committee, good_id, -quantity from stock_move where from_committee is not null) m group by c, good_id)
     select (select count(*) from moves m join stock_balance b using (committee_id, good_id) where m.net <> b.quantity)::int as off,
            (select coalesce(sum(quantity), 0) from stock_move where kind = 'pickup')::int8 as out,
            (select coalesce(sum(c), 0) from entitlement e, unnest(e.collected) c)::int8 as collected`,
  );
  if (ledger!.off !== 0) problems.push(`stock balances that disagree with the ledger: ${ledger!.off}`);
  if (ledger!.out !== pk!.total || ledger!.collected !== pk!.total) problems.push(`units out ${ledger!.out}, collected ${ledger!.collected}, pickups ${pk!.total}`);

  const ackedBallots = ballots.filter((b) => b.outcome!.acked);
  const [bl] = await db.query<{ voters: number; ballots: number }>(
    `select (select count(*) from motion_voter where motion_id = $1)::int as voters,
            ((select count(*) from motion_ballot where motion_id = $1) + (select count(*) from motion_ballot_held where motion_id = $1))::int as ballots`,
    [world.motionId],
  );
  if (bl!.voters < ackedBallots.length) problems.push(`acknowledged ballots lost: ${ackedBallots.length - bl!.voters} voter marks missing`);
  if (bl!.ballots !== bl!.voters) problems.push(`${bl!.voters} voter marks but ${bl!.ballots} ballots`);
  await db.close();

  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ['bin/cordon.js', 'audit', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CORDON_DATA: dataDir, DATABASE_URL: `postgres://postgres@127.0.0.1:${STB.port}/${DB}` } });
  let verified = false;
  try {
    cli('seal');
    const report = JSON.parse(cli('verify', '--json')) as { ok?: boolean };
    verified = report.ok !== false;
  } catch (e) {
    problems.push(`the audit chain does not verify: ${(e as { stdout?: string }).stdout ?? String(e)}`);
  }
  if (!(firstAfter < Number.POSITIVE_INFINITY)) problems.push('no write was acknowledged after the failover');

  const retried = [...pickups, ...ballots].filter((x) => x.outcome!.attempts > 1).length;
  for (const p of problems) console.log(`PROBLEM ${p}`);
  const ok = problems.length === 0;
  log(`pickups ${ackedPickups.length}/${pickups.length} acknowledged, ${pk!.total} recorded; ballots ${ackedBallots.length}/${ballots.length} acknowledged, ${bl!.voters} marks, ${receiptsChecked} receipts checked; ${retried} writes needed retries; audit ${verified ? 'verifies' : 'BROKEN'}`);
  dropCluster(STB);
  dropCluster(PRI);
  console.log(
    `CHAOS name=failover pickups_acked=${ackedPickups.length} pickups_recorded=${pk!.total} ballots_acked=${ackedBallots.length} voter_marks=${bl!.voters} ` +
      `retried=${retried} outage_s=${((firstAfter - failoverAt) / 1000).toFixed(1)} audit=${verified ? 'ok' : 'broken'} problems=${problems.length} ok=${ok}`,
  );
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  dropCluster(STB);
  dropCluster(PRI);
  process.exit(1);
});

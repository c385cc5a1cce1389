// The commands that open a database or run the server. Loaded only when one of them
// runs, so offline commands (`cordon count`) start without fastify, PGlite and the rest.
import { systemActor } from '../core/actor.js';
import { loadOrCreateSigningKey, sealAll, verifyChain } from '../core/audit/index.js';
import { systemClock } from '../core/clock.js';
import { resolveConfig, type Config, type ConfigFlags } from '../core/config.js';
import { silentLogger, type Ctx } from '../core/context.js';
import { randomIds } from '../core/ids.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, problem } from '../core/problem.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { describeDb, openDb } from '../db/open.js';
import { addMembers, BODY_KINDS, createBody, delegationView, getBody, grantOffice, listBodies, parseCharter, setParent, type BodyKind } from '../councils/index.js';
import { addPerson, createToken, personByUsername, revokeToken, type Scope } from '../people/index.js';
import { startCordon, VERSION } from '../server/run.js';
import { lockDataDir } from './data-lock.js';
import { Progress } from './progress.js';
import { ensureWebBuilt } from './web-build.js';

const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

function config(flags: ConfigFlags): Config {
  return resolveConfig(flags, process.env);
}

/** Opens the configured database for one command, holding the data-directory lock if embedded. */
async function withDb<T>(cfg: Config, purpose: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const unlock = cfg.databaseUrl ? () => {} : lockDataDir(cfg.dataDir, purpose);
  try {
    const db = await openDb(cfg);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

function systemCtx(db: Db, name: string): Ctx {
  return { db, clock: systemClock, ids: randomIds(systemClock), log: silentLogger, actor: systemActor(name) };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function start(opts: { port?: string; data?: string; demo?: boolean }): Promise<number> {
  const t0 = performance.now();
  const cfg = config({ port: opts.port, data: opts.data, ...(opts.demo === false ? { demo: false } : {}) });
  const unlock = cfg.databaseUrl ? () => {} : lockDataDir(cfg.dataDir, 'cordon start');
  try {
    out(`Cordón ${VERSION} starting`);
    out(`  · ${await ensureWebBuilt()}`);
    const running = await startCordon(cfg, { progress: (step) => out(`  · ${step}`) });
    if (running.demo) {
      out('');
      out(`  Demo federation loaded: ${running.demo.bodies} bodies, ${running.demo.people} people.`);
      out(`  Administrator account: ${running.demo.adminUsername}`);
      out(`  Password (shown once, keep it): ${running.demo.adminPassword}`);
      out('');
    }
    out(`Ready in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${running.url}  (API docs: ${running.url}/docs)`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        out(`${signal}: finishing requests in flight, sealing the audit chain, closing the database…`);
        resolve();
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    await running.close();
    out('Stopped.');
    return EXIT_OK;
  } finally {
    unlock();
  }
}

export async function migrateCommand(opts: { data?: string }): Promise<number> {
  const cfg = config({ data: opts.data });
  await withDb(cfg, 'cordon migrate', async (db) => {
    out(`Database: ${describeDb(cfg)}`);
    const applied: string[] = [];
    const status = await migrate(db, undefined, (m) => applied.push(`${m.version} ${m.name}`));
    out(applied.length ? `Applied: ${applied.join(', ')}` : `Already current (migration ${status.current}).`);
  });
  return EXIT_OK;
}

export async function auditVerify(opts: { data?: string; json?: boolean }): Promise<number> {
  const cfg = config({ data: opts.data });
  return withDb(cfg, 'cordon audit verify', async (db) => {
    const progress = new Progress('verifying', 0);
    const report = await verifyChain(db, (done, total) => progress.update(done, total));
    progress.done();
    if (opts.json) out(JSON.stringify(report));
    else if (report.ok)
      out(`OK: ${report.events} events in ${report.checkpoints} signed checkpoints verify.${report.unsealed ? ` ${report.unsealed} newer events are not sealed yet.` : ''}`);
    else {
      const b = report.firstBroken!;
      err(`BROKEN at position ${b.pos}${b.id ? ` (event ${b.id}, ${b.action})` : ''}: ${b.reason}`);
      err(`${report.events} events before it verify.`);
    }
    return report.ok ? EXIT_OK : EXIT_FAILURE;
  });
}

export async function auditSeal(opts: { data?: string }): Promise<number> {
  const cfg = config({ data: opts.data });
  await withDb(cfg, 'cordon audit seal', async (db) => {
    const n = await sealAll(db, loadOrCreateSigningKey(cfg.dataDir).key, systemClock);
    out(`Sealed ${n} events.`);
  });
  return EXIT_OK;
}

export async function userAdd(username: string, opts: { name: string; admin?: boolean; passwordStdin?: boolean; data?: string }): Promise<number> {
  const cfg = config({ data: opts.data });
  const given = opts.passwordStdin ? await readStdin() : undefined;
  await withDb(cfg, 'cordon user add', async (db) => {
    await migrate(db);
    const ctx = systemCtx(db, 'cli');
    const password = given ?? ctx.ids.secret(12);
    const p = await addPerson(ctx, { username, displayName: opts.name, password, isAdmin: opts.admin ?? false });
    out(`Created ${p.isAdmin ? 'administrator' : 'account'} ${p.username} (${p.id}).`);
    if (!given) out(`Password (shown once): ${password}`);
  });
  return EXIT_OK;
}

export async function tokenCreate(opts: { user: string; name: string; scope: string; expiresDays?: string; data?: string }): Promise<number> {
  const cfg = config({ data: opts.data });
  const scopes = opts.scope.split(',').map((s) => s.trim()).filter(Boolean) as Scope[];
  const days = opts.expiresDays === undefined ? undefined : Number(opts.expiresDays);
  if (days !== undefined && !Number.isInteger(days)) throw problem.invalid('--expires-days', `must be a whole number, got "${opts.expiresDays}"`);
  await withDb(cfg, 'cordon token create', async (db) => {
    const rows = await db.query<{ id: string }>('select id from person where username = $1', [opts.user.trim().toLowerCase()]);
    if (!rows[0]) throw problem.invalid('--user', `no account "${opts.user}"`);
    const t = await createToken(systemCtx(db, 'cli'), { name: opts.name, scopes, personId: rows[0].id, ...(days ? { expiresInDays: days } : {}) });
    out(`Token ${t.info.id} (${t.info.scopes.join(', ')}${t.info.expiresAt ? `, expires ${t.info.expiresAt.toISOString()}` : ''}):`);
    out(t.token);
  });
  return EXIT_OK;
}

export async function tokenRevoke(id: string, opts: { data?: string }): Promise<number> {
  const cfg = config({ data: opts.data });
  if (!/^[0-9a-f-]{36}$/.test(id)) throw problem.invalid('id', 'must be a token id (a UUID)');
  await withDb(cfg, 'cordon token revoke', async (db) => {
    await revokeToken(systemCtx(db, 'cli'), id);
    out(`Revoked ${id}.`);
  });
  return EXIT_OK;
}

interface TreeBody {
  id: string;
  kind: string;
  name: string;
  parentId: string | null;
  members: number;
}

export async function bodyTree(opts: { data?: string; json?: boolean }): Promise<number> {
  const cfg = config({ data: opts.data });
  await withDb(cfg, 'cordon body tree', async (db) => {
    const ctx = systemCtx(db, 'cli');
    const bodies = (await listBodies(ctx)) as TreeBody[];
    const delegations = new Map(await Promise.all(bodies.filter((b) => b.parentId).map(async (b) => [b.id, await delegationView(ctx, b.id)] as const)));
    if (opts.json) {
      out(JSON.stringify(bodies.map((b) => ({ ...b, delegation: delegations.get(b.id) ?? null }))));
      return;
    }
    const children = new Map<string | null, TreeBody[]>();
    for (const b of bodies) children.set(b.parentId, [...(children.get(b.parentId) ?? []), b]);
    const draw = (b: TreeBody, prefix: string, last: boolean, root: boolean) => {
      const d = delegations.get(b.id);
      const sent = d?.seats.map((s) => (s.holder ? `${s.holder.displayName} (${s.withdrawals}/${d.recallThreshold} withdrawals)` : 'vacant')).join(', ');
      out(`${prefix}${root ? '' : last ? '└─ ' : '├─ '}${b.name} [${b.kind}, ${b.members} members${sent ? `; sends ${sent}` : ''}]  ${b.id}`);
      const kids = children.get(b.id) ?? [];
      kids.forEach((k, i) => draw(k, prefix + (root ? '' : last ? '   ' : '│  '), i === kids.length - 1, false));
    };
    const roots = children.get(null) ?? [];
    if (!roots.length) out('No bodies yet: cordon body add --kind national_assembly --name "…"');
    roots.forEach((r, i) => draw(r, '', i === roots.length - 1, true));
  });
  return EXIT_OK;
}

export async function bodyAdd(opts: { kind: string; name: string; parent?: string; charter?: string; data?: string }): Promise<number> {
  const cfg = config({ data: opts.data });
  let charter: Record<string, unknown> | undefined;
  if (opts.charter !== undefined) {
    try {
      charter = JSON.parse(opts.charter) as Record<string, unknown>;
    } catch (e) {
      throw problem.invalid('--charter', `is not JSON (${(e as Error).message})`);
    }
  }
  if (!(BODY_KINDS as readonly string[]).includes(opts.kind)) throw problem.invalid('--kind', `must be one of ${BODY_KINDS.join(', ')}`);
  await withDb(cfg, 'cordon body add', async (db) => {
    await migrate(db);
    const b = await createBody(systemCtx(db, 'cli'), { kind: opts.kind as BodyKind, name: opts.name, parentId: opts.parent ?? null, ...(charter ? { charter } : {}) });
    out(`Created ${b.kind} "${b.name}" (${b.id}).`);
  });
  return EXIT_OK;
}

/** Finds people by username for a CLI command; names every unknown one at once. */
async function peopleByUsername(db: Db, usernames: readonly string[]): Promise<string[]> {
  const found = await Promise.all(usernames.map(async (u) => [u, await personByUsername(db, u)] as const));
  const missing = found.filter(([, p]) => !p).map(([u]) => u);
  if (missing.length) throw problem.invalid('--user', `no such account: ${missing.join(', ')}`);
  return found.map(([, p]) => p!.person.id);
}

export async function bodyShow(id: string, opts: { data?: string; json?: boolean }): Promise<number> {
  const cfg = config({ data: opts.data });
  await withDb(cfg, 'cordon body show', async (db) => {
    const ctx = systemCtx(db, 'cli');
    const body = await getBody(ctx, id);
    const charter = parseCharter(body.charter);
    const delegation = body.parentId ? await delegationView(ctx, id) : null;
    const parent = body.parentId ? (await getBody(ctx, body.parentId)).name : null;
    if (opts.json) {
      out(JSON.stringify({ ...body, charter, delegation }));
      return;
    }
    out(`${body.name} [${body.kind}]  ${body.id}`);
    out(`  parent: ${parent ? `${parent} (${body.parentId})` : '— (a root of the federation)'}`);
    out(`  charter: ${JSON.stringify(charter)}`);
    out(`  members (${body.members.length}):`);
    for (const m of body.members.slice(0, 50)) out(`    ${m.display_name}${m.offices.length ? ` — ${m.offices.join(', ')}` : ''}`);
    if (body.members.length > 50) out(`    … and ${body.members.length - 50} more (--json lists them all)`);
    if (delegation) {
      out(`  delegates sent up (recall at ${delegation.recallThreshold} of ${delegation.members} withdrawals):`);
      for (const s of delegation.seats) out(`    seat ${s.number}: ${s.holder ? `${s.holder.displayName}, since ${s.holder.since.slice(0, 10)}, ${s.withdrawals} withdrawals` : 'vacant'}`);
    }
  });
  return EXIT_OK;
}

export async function bodyJoin(id: string, usernames: string[], opts: { data?: string }): Promise<number> {
  const cfg = config({ data: opts.data });
  await withDb(cfg, 'cordon body join', async (db) => {
    const added = await addMembers(systemCtx(db, 'cli'), id, await peopleByUsername(db, usernames));
    out(`Added ${added} member${added === 1 ? '' : 's'} (${usernames.length - added} already members).`);
  });
  return EXIT_OK;
}

export async function bodyOffice(id: string, opts: { user: string; title: string; data?: string }): Promise<number> {
  const cfg = config({ data: opts.data });
  await withDb(cfg, 'cordon body office', async (db) => {
    const [personId] = await peopleByUsername(db, [opts.user]);
    await grantOffice(systemCtx(db, 'cli'), { bodyId: id, personId: personId!, title: opts.title });
    out(`${opts.user} now holds the office ${opts.title}.`);
  });
  return EXIT_OK;
}

export async function bodyMove(id: string, opts: { parent?: string; root?: boolean; data?: string }): Promise<number> {
  if (!opts.parent === !opts.root) throw problem.invalid('--parent', 'give either --parent <id> or --root');
  const cfg = config({ data: opts.data });
  await withDb(cfg, 'cordon body move', async (db) => {
    const b = await setParent(systemCtx(db, 'cli'), id, opts.parent ?? null);
    out(`Moved "${b.name}" ${b.parentId ? `under ${b.parentId}` : 'to the root'}.`);
  });
  return EXIT_OK;
}

const MAX_REGISTER_BYTES = 500 * 1024 * 1024;

/** `cordon supply import FILE --committee ID`: the household register, as the API takes it. */
export async function supplyImport(file: string, opts: { committee: string; dryRun?: boolean; skipInvalid?: boolean; data?: string }): Promise<number> {
  const { statSync, readFileSync } = await import('node:fs');
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw problem.invalid(file, `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size > MAX_REGISTER_BYTES) throw problem.invalid(file, `is ${(size / 1e6).toFixed(0)} MB; the most one import takes is ${MAX_REGISTER_BYTES / 1e6} MB — split it by committee`);
  const text = readFileSync(file, 'utf8');
  const cfg = config({ data: opts.data });
  const { importHouseholds } = await import('../supply/index.js');
  return withDb(cfg, 'cordon supply import', async (db) => {
    await migrate(db);
    const bar = new Progress('households', 0);
    const t0 = performance.now();
    const report = await importHouseholds(systemCtx(db, 'cli'), { committeeId: opts.committee, text, dryRun: opts.dryRun ?? false, skipInvalid: opts.skipInvalid ?? false }, (done, total) =>
      bar.update(done, total),
    );
    bar.done();
    for (const e of report.errors.slice(0, 200)) err(`${file}:${e.line}: ${e.field}: ${e.reason}`);
    if (report.errors.length > 200) err(`${file}: … and ${report.errors.length - 200} more errors`);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (report.dryRun) out(`Checked: ${report.households} households (${report.members} people) would be imported; ${report.skipped} lines have errors. Nothing written (dry run).`);
    else if (!report.written) {
      err(`${file}: ${report.skipped} line${report.skipped === 1 ? ' has' : 's have'} errors; nothing was written (fix them, or use --skip-invalid to import the good households)`);
      return EXIT_BAD_INPUT;
    } else
      out(
        `Imported ${report.households} households (${report.members} people) in ${secs} s${report.skipped ? `; skipped ${report.skipped} bad lines` : ''}; ${report.duplicates} possible duplicate${report.duplicates === 1 ? '' : 's'} flagged for the officers.`,
      );
    // a dry run that finds errors says so in its exit code too, for scripts
    return report.dryRun && report.errors.length ? EXIT_BAD_INPUT : EXIT_OK;
  });
}

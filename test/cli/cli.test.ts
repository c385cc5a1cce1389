import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { cordon, startProcess } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cordon-cli-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cordon CLI', { timeout: 120_000 }, () => {
  test('--help everywhere, exit 0; usage errors exit 2', async () => {
    const help = await cordon(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 ok, 1 failure, 2 bad input or usage/);
    const sub = await cordon(['token', 'create', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/--scope <scopes>/);
    const bad = await cordon(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  test('bad configuration is exit 2 naming the flag', async () => {
    const r = await cordon(['migrate', '--data', data], { env: { LOG_LEVEL: 'shouty' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/LOG_LEVEL: must be one of/);
  });

  test('user add, token create, and audit verify — then tampering is named', async () => {
    const add = await cordon(['user', 'add', 'Violeta', '--name', 'Violeta Parra', '--admin', '--data', data]);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Created administrator violeta/);
    expect(add.stdout).toMatch(/Password \(shown once\): \S{12,}/);

    const piped = await cordon(['user', 'add', 'victor', '--name', 'Víctor Jara', '--password-stdin', '--data', data], { input: 'te recuerdo amanda\n' });
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toMatch(/Password/);

    const dup = await cordon(['user', 'add', 'victor', '--name', 'Again', '--data', data]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/username: "victor" is taken/);

    const tok = await cordon(['token', 'create', '--user', 'victor', '--name', 'reporter', '--scope', 'report', '--data', data]);
    expect(tok.code).toBe(0);
    expect(tok.stdout).toMatch(/^cdn_[0-9a-f]{32}_\S+$/m);
    const badScope = await cordon(['token', 'create', '--user', 'victor', '--name', 'x', '--scope', 'root', '--data', data]);
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toMatch(/unknown scope "root"/);

    expect((await cordon(['audit', 'seal', '--data', data])).stdout).toMatch(/Sealed [1-9]\d* events/);
    const ok = await cordon(['audit', 'verify', '--data', data, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, unsealed: 0 });

    // tamper with the second event, as someone with access to the database files might
    const db = await openPglite({ dataDir: join(data, 'pgdata') });
    const [victim] = await db.query<{ pos: number; id: string }>('select pos, id from audit_event where pos = 2');
    await db.query(`update audit_event set actor = 'system:innocent' where pos = 2`);
    await db.close();

    const broken = await cordon(['audit', 'verify', '--data', data]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`BROKEN at position 2 (event ${victim!.id}`);
  });

  test('start: first start loads the demo and prints the admin password once; SIGTERM stops it cleanly', async () => {
    const fresh = join(dir, 'fresh');
    const first = await startProcess(['--port', '0', '--data', fresh], 'info');
    expect(first.output()).toMatch(/Password \(shown once, keep it\): \S+/);
    const health = await (await fetch(`${first.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { driver: 'pglite' } });

    // a second process on the same data directory is refused with a clear message
    const second = await cordon(['audit', 'verify', '--data', fresh]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/in use by another Cordón process/);

    // requests the server has begun to handle when SIGTERM arrives still get their
    // answers: sign-ins (each an argon2 check and a write) keep it busy past the signal
    const sse = await fetch(`${first.url}/events`);
    const started = () => (first.output().match(/"url":"\/auth\/login".*"msg":"incoming request"/g) ?? []).length;
    const inflight = Array.from({ length: 20 }, () =>
      fetch(`${first.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'wrong-password' }) }).then(
        (r) => r.status,
        () => 'reset',
      ),
    );
    await expect.poll(started, { timeout: 10_000, interval: 2 }).toBeGreaterThanOrEqual(5);
    const handling = started();
    first.child.kill('SIGTERM');
    const statuses = await Promise.all(inflight);
    const answered = statuses.filter((s) => s === 401 || s === 429).length;
    expect(answered).toBeGreaterThanOrEqual(handling);
    const code = await new Promise((resolve) => first.child.on('close', resolve));
    expect(code).toBe(0);
    expect(first.output()).toMatch(/Stopped\./);
    await sse.body?.cancel().catch(() => {});

    // a later start does not load the demo again, and the chain verifies
    const again = await startProcess(['--port', '0', '--data', fresh]);
    expect(again.output()).not.toMatch(/Password/);
    again.child.kill('SIGTERM');
    await new Promise((resolve) => again.child.on('close', resolve));
    const verify = await cordon(['audit', 'verify', '--data', fresh]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^OK: \d+ events in \d+ signed checkpoints verify\./);
  });
});

describe('cordon body', { timeout: 60_000 }, () => {
  test('add and tree', async () => {
    const d = join(dir, 'bodies');
    const a = await cordon(['body', 'add', '--kind', 'national_assembly', '--name', 'Asamblea Popular', '--data', d]);
    expect(a.code).toBe(0);
    const id = /\(([0-9a-f-]{36})\)/.exec(a.stdout)![1]!;
    expect((await cordon(['body', 'add', '--kind', 'cordon', '--name', 'Cordón Cerrillos', '--parent', id, '--charter', '{"delegates":{"fixed":2}}', '--data', d])).code).toBe(0);
    const bad = await cordon(['body', 'add', '--kind', 'cordon', '--name', 'X', '--charter', '{"delegates":{"fixed":0}}', '--data', d]);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'cordon: charter/delegates: must be {"fixed": n} or {"perMembers": n} with n a whole number ≥ 1']);
    const tree = await cordon(['body', 'tree', '--data', d]);
    expect(tree.stdout).toMatch(/^Asamblea Popular \[national_assembly, 0 members\]/m);
    expect(tree.stdout).toMatch(/└─ Cordón Cerrillos \[cordon, 0 members\]/);
    const cordonId = /Cordón Cerrillos .* ([0-9a-f-]{36})$/m.exec(tree.stdout)![1]!;

    // members, offices, a move, and a move that would make a cycle
    const w = await cordon(['body', 'add', '--kind', 'workplace', '--name', 'Textil Progreso', '--parent', cordonId, '--data', d]);
    const work = /\(([0-9a-f-]{36})\)/.exec(w.stdout)![1]!;
    for (const u of ['ana', 'beto']) expect((await cordon(['user', 'add', u, '--name', u.toUpperCase(), '--data', d])).code).toBe(0);
    expect((await cordon(['body', 'join', work, 'ana', 'beto', '--data', d])).stdout).toMatch(/Added 2 members/);
    const nobody = await cordon(['body', 'join', work, 'ana', 'zoe', '--data', d]);
    expect([nobody.code, nobody.stderr.trim()]).toEqual([2, 'cordon: --user: no such account: zoe']);
    expect((await cordon(['body', 'office', work, '--user', 'ana', '--title', 'chair', '--data', d])).code).toBe(0);
    const show = await cordon(['body', 'show', work, '--data', d]);
    expect(show.stdout).toMatch(/^Textil Progreso \[workplace\]/);
    expect(show.stdout).toMatch(/^ {4}ANA — chair$/m);
    expect(show.stdout).toMatch(/"secrecy":\{"members":"secret","delegates":"roll_call"\}/);
    const cycle = await cordon(['body', 'move', id, '--parent', work, '--data', d]);
    expect([cycle.code, cycle.stderr.trim()]).toEqual([2, 'cordon: parentId: would make the body its own ancestor (a cycle of parents)']);
    expect((await cordon(['body', 'move', work, '--root', '--data', d])).stdout).toMatch(/Moved "Textil Progreso" to the root/);
  });
});

describe('cordon supply import', { timeout: 60_000 }, () => {
  test('a file with errors writes nothing and names each line; a dry run; --skip-invalid imports the good households', async () => {
    const d = join(dir, 'supply');
    const add = await cordon(['body', 'add', '--kind', 'supply_committee', '--name', 'JAP Población La Victoria', '--data', d]);
    const jap = /\(([0-9a-f-]{36})\)/.exec(add.stdout)![1]!;
    const file = join(dir, 'households.csv');
    writeFileSync(
      file,
      ['household,zone,address,name,birth_date,needs', 'V-1,Norte,Calle 1,Ana Soto,1980-01-01,', 'V-1,Norte,Calle 1,Beto Soto,2026-01-01,infant', 'V-2,Norte,Calle 2,,1990-01-01,', 'V-3,Norte,Calle 3,Caro Paz,1999-02-30,'].join('\n'),
    );
    const refused = await cordon(['supply', 'import', file, '--committee', jap, '--data', d]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file}:4: name: must not be empty`);
    expect(refused.stderr).toContain(`${file}:5: birth_date: is not a real date, got "1999-02-30"`);
    expect(refused.stderr).toMatch(/2 lines have errors; nothing was written/);
    const dry = await cordon(['supply', 'import', file, '--committee', jap, '--dry-run', '--data', d]);
    expect([dry.code, dry.stdout.trim()]).toEqual([2, 'Checked: 1 households (2 people) would be imported; 2 lines have errors. Nothing written (dry run).']);
    const done = await cordon(['supply', 'import', file, '--committee', jap, '--skip-invalid', '--data', d]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Imported 1 households \(2 people\) in [\d.]+ s; skipped 2 bad lines; 0 possible duplicates flagged/);
    const again = await cordon(['supply', 'import', file, '--committee', jap, '--skip-invalid', '--data', d]);
    expect(again.stderr).toContain(`${file}:2: household: "V-1" is already registered in this committee`);
    const missing = await cordon(['supply', 'import', join(dir, 'nope.csv'), '--committee', jap, '--data', d]);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, `cordon: ${join(dir, 'nope.csv')}: cannot read it (ENOENT)`]);
  });
});

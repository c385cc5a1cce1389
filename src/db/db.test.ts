import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db.js';
import { sql } from './db.js';
import { loadMigrations, migrate, migrationStatus } from './migrate.js';

// The same contract on both drivers: this file runs on PGlite, and on PostgreSQL when
// DATABASE_URL is set.
let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
  await t.db.exec('create table kv (k text primary key, v int8 not null)');
});
afterAll(() => t.close());

describe('Db', () => {
  test('returns the same JS types on every driver', async () => {
    const [row] = await t.db.query(
      `select 9007199254740991::int8 as big, 2::int4 as i, 1.5::numeric as n, '2026-01-02T03:04:05.678Z'::timestamptz as at,
              '{"a":[1,2]}'::jsonb as j, $1::uuid[] as ids, $2::int8[] as nums, '\\x00ff'::bytea as b`,
      [['00000000-0000-7000-8000-000000000001'], [1, 2]],
    );
    expect(row).toMatchObject({ big: 9007199254740991, i: 2, n: '1.5', j: { a: [1, 2] }, ids: ['00000000-0000-7000-8000-000000000001'], nums: [1, 2] });
    expect((row!.at as Date).toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect([...(row!.b as Uint8Array)]).toEqual([0, 255]);
  });

  test('JSON goes in as text and comes back parsed, the same on both drivers', async () => {
    const value = { a: [1, 'two', null], 'ñ': { nested: true } };
    const [row] = await t.db.query<{ j: unknown }>('select $1::text::jsonb as j', [JSON.stringify(value)]);
    expect(row!.j).toEqual(value);
  });

  test('refuses an int8 beyond safe integers instead of rounding it', async () => {
    await expect(t.db.query('select 9007199254740993::int8 as x')).rejects.toThrow(/safe integers/);
  });

  test('the sql tag binds values as parameters, never as text', async () => {
    const evil = "x'); drop table kv; --";
    const [row] = await t.db.query<{ s: string }>(sql`select ${evil}::text as s`);
    expect(row!.s).toBe(evil);
  });

  test('a failed transaction changes nothing', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`insert into kv values ('a', 1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.db.query(`select * from kv where k = 'a'`)).toEqual([]);
  });

  test('a statement outside a transaction is not swept into a concurrent one', async () => {
    const tx = t.db.transaction(async (inner) => {
      await inner.query(`insert into kv values ('in-tx', 1)`);
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('roll it back');
    });
    const outside = t.db.query(`insert into kv values ('outside', 1)`);
    const seen = t.db.query<{ k: string }>(`select k from kv where k = 'in-tx'`);
    await expect(tx).rejects.toThrow('roll it back');
    await outside;
    expect(await seen).toEqual([]); // never sees uncommitted data
    expect((await t.db.query<{ k: string }>(`select k from kv where k in ('in-tx', 'outside')`)).map((r) => r.k)).toEqual(['outside']);
  });

  test.runIf(!process.env.DATABASE_URL)('PGlite: using the Db instead of tx inside a transaction fails at once', async () => {
    await expect(t.db.transaction(() => t.db.query('select 1'))).rejects.toThrow(/use the transaction handle/);
  });

  test('nested transactions are savepoints', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query(`insert into kv values ('outer', 1)`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.query(`insert into kv values ('inner', 2)`);
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    const keys = (await t.db.query<{ k: string }>(`select k from kv where k in ('outer', 'inner')`)).map((r) => r.k);
    expect(keys).toEqual(['outer']);
  });

  test('retries a transaction after a serialization failure', async () => {
    let attempts = 0;
    const result = await t.db.transaction(async (tx) => {
      attempts++;
      await tx.query(`insert into kv values ('retry', ${attempts})`);
      if (attempts < 3) throw Object.assign(new Error('could not serialize'), { code: '40001' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(await t.db.query(`select v from kv where k = 'retry'`)).toEqual([{ v: 3 }]);
  });

  test('gives up after the allowed attempts and surfaces the error', async () => {
    await expect(
      t.db.transaction(
        async () => {
          throw Object.assign(new Error('could not serialize'), { code: '40001' });
        },
        { attempts: 2 },
      ),
    ).rejects.toMatchObject({ code: '40001' });
  });

  test('runs after-commit hooks only on commit', async () => {
    const ran: string[] = [];
    await t.db.transaction(async (tx) => tx.afterCommit(() => ran.push('committed')));
    await t.db
      .transaction(async (tx) => {
        tx.afterCommit(() => ran.push('rolled back'));
        throw new Error('no');
      })
      .catch(() => {});
    expect(ran).toEqual(['committed']);
  });

  test('writes queued before commit are made with it', async () => {
    await t.db.transaction(async (tx) => {
      tx.beforeCommit(sql`insert into kv values (${"it's queued"}, ${7})`);
      expect(await tx.query(`select * from kv where k = 'it''s queued'`)).toEqual([]);
    });
    expect(await t.db.query(`select v from kv where k = 'it''s queued'`)).toEqual([{ v: 7 }]);
  });

  test('a queued write that fails fails the transaction, and nothing of it is kept', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`insert into kv values ('before-failure', 1)`);
        tx.beforeCommit(sql`insert into kv values (${'dup'}, ${1}), (${'dup'}, ${2})`);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await t.db.query(`select * from kv where k in ('before-failure', 'dup')`)).toEqual([]);
  });

  test('writes queued in a savepoint that rolls back are dropped with it', async () => {
    await t.db.transaction(async (tx) => {
      tx.beforeCommit(sql`insert into kv values (${'kept'}, ${1})`);
      await tx
        .transaction(async (inner) => {
          inner.beforeCommit(sql`insert into kv values (${'dropped'}, ${1})`);
          throw new Error('inner fails');
        })
        .catch(() => {});
    });
    expect((await t.db.query<{ k: string }>(`select k from kv where k in ('kept', 'dropped')`)).map((r) => r.k)).toEqual(['kept']);
  });

  test('LISTEN/NOTIFY delivers on commit, not before', async () => {
    const got: string[] = [];
    const unlisten = await t.db.listen('test_channel', (p) => got.push(p));
    await t.db.transaction(async (tx) => {
      await tx.query(`select pg_notify('test_channel', 'from-tx')`);
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual([]);
    });
    await t.db.notify('test_channel', 'direct');
    await expect.poll(() => got, { timeout: 5000 }).toEqual(['from-tx', 'direct']);
    await unlisten();
  });
});

describe('migrations', () => {
  test('are applied once; a second run is a no-op', async () => {
    const status = await migrationStatus(t.db);
    expect(status.pending).toEqual([]);
    expect(status.current).toBe(loadMigrations().length);
    await migrate(t.db);
    const [{ n } = { n: 0 }] = await t.db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
    expect(n).toBe(loadMigrations().length);
  });

  test('refuse a database whose migrations are newer than the code', async () => {
    const migrations = loadMigrations();
    await t.db.query(`insert into schema_migrations (version, name, checksum) values ($1, 'from_the_future', 'x')`, [
      migrations.length + 1,
    ]);
    try {
      await expect(migrate(t.db)).rejects.toMatchObject({
        code: 'schema_newer_than_code',
        message: expect.stringMatching(/newer version — upgrade Cordón/),
      });
    } finally {
      await t.db.query('delete from schema_migrations where version = $1', [migrations.length + 1]);
    }
  });

  test('refuse an applied migration whose file was changed', async () => {
    const changed = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await expect(migrate(t.db, changed)).rejects.toMatchObject({ code: 'migration_changed' });
  });
});

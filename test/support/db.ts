import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or —
 * when DATABASE_URL is set — a new schema on that server, dropped on close.
 */
export interface TestDb {
  db: Db;
  /** Opens another connection pool on the same database (PostgreSQL only), e.g. a second server. */
  reopen(): Db;
  close(): Promise<void>;
}

export async function openTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite();
    if (options.migrate !== false) await migrate(db);
    return {
      db,
      reopen: () => {
        throw new Error('a second connection needs DATABASE_URL (PGlite is one process)');
      },
      close: () => db.close(),
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ url, max: 1 });
  await admin.exec(`create schema ${schema}`);
  const extra: Db[] = [];
  const db = openPostgres({ url, schema, max: 5 });
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    reopen: () => {
      const other = openPostgres({ url, schema, max: 5 });
      extra.push(other);
      return other;
    },
    close: async () => {
      await Promise.all([db, ...extra].map((d) => d.close()));
      await admin.exec(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}

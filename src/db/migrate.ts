import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { problem } from '../core/problem.js';
import type { Db } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Reads `NNNN_name.sql` files; versions must run 1, 2, 3, … without gaps. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file, i) => {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`${dir}${file}: migration files are named NNNN_name.sql`);
    const version = Number(m[1]);
    if (version !== i + 1) throw new Error(`${dir}${file}: expected migration ${i + 1}, found ${version}`);
    const sql = readFileSync(`${dir}${file}`, 'utf8');
    return { version, name: m[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

// Any fixed number: serialises migration runs of several servers starting at once.
const MIGRATION_LOCK = 7_202_410_001;

export interface MigrationStatus {
  current: number;
  latest: number;
  pending: Migration[];
}

const CREATE_TABLE = `create table if not exists schema_migrations (
  version integer primary key,
  name text not null,
  checksum text not null,
  applied_at timestamptz not null default now()
)`;

async function appliedVersions(db: Pick<Db, 'query'>): Promise<{ version: number; name: string; checksum: string }[]> {
  const exists = await db.query<{ t: string | null }>(`select to_regclass('schema_migrations')::text as t`);
  if (!exists[0]?.t) return [];
  return db.query(`select version, name, checksum from schema_migrations order by version`);
}

function check(applied: { version: number; name: string; checksum: string }[], migrations: Migration[]): void {
  const latest = migrations.length;
  const newest = applied.at(-1);
  if (newest && newest.version > latest)
    throw problem.conflict(
      'schema_migrations',
      `the database is at migration ${newest.version} (${newest.name}) but this Cordón knows only up to ${latest}; ` +
        `it was written by a newer version — upgrade Cordón rather than run an older one against it`,
      'schema_newer_than_code',
    );
  for (const a of applied) {
    const m = migrations[a.version - 1]!;
    if (m.checksum !== a.checksum)
      throw problem.conflict(
        'schema_migrations',
        `migration ${a.version} (${a.name}) was changed after it was applied; migrations are forward-only — add a new one instead`,
        'migration_changed',
      );
  }
}

export async function migrationStatus(db: Db, migrations = loadMigrations()): Promise<MigrationStatus> {
  const applied = await appliedVersions(db);
  check(applied, migrations);
  const current = applied.at(-1)?.version ?? 0;
  return { current, latest: migrations.length, pending: migrations.slice(current) };
}

/** Applies pending migrations in one transaction, or none; refuses a newer database. */
export async function migrate(
  db: Db,
  migrations = loadMigrations(),
  onApply: (m: Migration) => void = () => {},
): Promise<MigrationStatus> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(CREATE_TABLE);
    const applied = await appliedVersions(tx);
    check(applied, migrations);
    const current = applied.at(-1)?.version ?? 0;
    for (const m of migrations.slice(current)) {
      onApply(m);
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
    }
    return { current: migrations.length, latest: migrations.length, pending: [] };
  });
}

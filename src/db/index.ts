export type { Db, Tx, Queryable, Statement, TransactionOptions, Isolation, Unlisten } from './db.js';
export { sql, sqlState } from './db.js';
export { openDb, openReplica, describeDb } from './open.js';
export { openPglite, PgliteDb } from './pglite.js';
export { openPostgres, PostgresDb } from './postgres.js';
export { migrate, migrationStatus, loadMigrations, type Migration, type MigrationStatus } from './migrate.js';

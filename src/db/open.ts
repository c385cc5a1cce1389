import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import type { Db } from './db.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** Opens the configured database: the PostgreSQL server of `DATABASE_URL`, or else
 *  the embedded PGlite database kept in `<dataDir>/pgdata`. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) return openPostgres({ url: config.databaseUrl });
  const dir = join(config.dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  return openPglite({ dataDir: dir });
}

/** Opens the read replica when one is configured, else returns the primary. */
export function openReplica(config: Pick<Config, 'replicaUrl'>, primary: Db): Db {
  return config.replicaUrl ? openPostgres({ url: config.replicaUrl, applicationName: 'cordon-replica' }) : primary;
}

export function describeDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `embedded PGlite in ${join(config.dataDir, 'pgdata')}`;
  // postgres://user:secret@host:port[,host:port…]/db?… → the hosts and the database, no secret
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?([^/?#]*)(\/[^?#]*)?/i.exec(config.databaseUrl);
  const hosts = (m?.[1] ?? '').split(',').map((h) => (/:\d+$/.test(h) ? h : `${h}:5432`));
  return `PostgreSQL at ${hosts.join(', ')}${m?.[2] ?? ''}`;
}

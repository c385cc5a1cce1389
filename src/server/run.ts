import type { FastifyInstance } from 'fastify';
import pino, { type Logger as PinoLogger } from 'pino';
import { systemActor } from '../core/actor.js';
import { loadOrCreateSigningKey, type SigningKey } from '../core/audit/index.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import { VERSION } from '../core/version.js';
import { randomIds, type IdSource } from '../core/ids.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { describeDb, openDb } from '../db/open.js';
import { loadSmallDemo, type DemoResult } from '../demo/index.js';
import { countPeople, watchSessionChanges } from '../people/index.js';
import { buildApp } from './app.js';
import { LiveHub } from './live.js';
import { Maintenance } from './maintenance.js';
import { Sealer } from './sealer.js';

export { VERSION };

const SHUTDOWN_GRACE_MS = 10_000;

export interface Running {
  app: FastifyInstance;
  db: Db;
  url: string;
  sealer: Sealer;
  hub: LiveHub;
  demo?: DemoResult;
  /** Graceful stop: end live streams, finish in-flight requests, seal, close the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  ids?: IdSource;
  logger?: PinoLogger;
  /** Use this database instead of opening the configured one (tests). It is not closed by `close`. */
  db?: Db;
  signingKey?: SigningKey;
  /** Told what start-up is doing, step by step. */
  progress?: (step: string) => void;
  webRoot?: string;
}

export async function startCordon(config: Config, options: StartOptions = {}): Promise<Running> {
  const say = options.progress ?? (() => {});
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds(clock);
  const logger = options.logger ?? pino({ level: config.logLevel });

  say(`Opening the database: ${options.db ? options.db.driver : describeDb(config)}`);
  const db = options.db ?? (await openDb(config));
  try {
    const applied: string[] = [];
    await migrate(db, undefined, (m) => applied.push(`${m.version} ${m.name}`));
    say(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Schema is current');

    let key = options.signingKey;
    if (!key) {
      const loaded = loadOrCreateSigningKey(config.dataDir);
      key = loaded.key;
      say(loaded.created ? `Created the audit signing key (ed25519, id ${key.id}) in ${config.dataDir}` : `Audit signing key ${key.id}`);
    }

    let demo: DemoResult | undefined;
    if (config.demo && (await countPeople(db)) === 0) {
      say('Loading the small demo federation');
      demo = await loadSmallDemo({ db, clock, ids, log: logger, actor: systemActor('demo') });
    }

    const hub = new LiveHub();
    await hub.start(db);
    const unwatchSessions = await watchSessionChanges(db);
    const lifecycle = { closing: false };
    const app = await buildApp({ db, config, clock, ids, logger, hub, lifecycle, version: VERSION, ...(options.webRoot ? { webRoot: options.webRoot } : {}) });
    const sealer = new Sealer(db, key, clock, logger, config.sealIntervalMs);
    await sealer.sealNow();
    sealer.start();
    const maintenance = new Maintenance(db, clock, logger);
    maintenance.start();

    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('://[::1]', '://localhost').replace('://127.0.0.1', '://localhost');
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        lifecycle.closing = true;
        maintenance.stop();
        await hub.stop();
        await unwatchSessions();
        // requests in flight get up to SHUTDOWN_GRACE_MS to finish; then connections are cut
        const force = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await app.close();
        clearTimeout(force);
        await sealer.stop();
        await sealer.sealNow().catch((err: unknown) => logger.error({ err }, 'final seal failed'));
        if (!options.db) await db.close();
      })());
    return { app, db, url, sealer, hub, close, ...(demo ? { demo } : {}) };
  } catch (e) {
    if (!options.db) await db.close().catch(() => {});
    throw e;
  }
}

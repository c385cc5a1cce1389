import pino from 'pino';
import { systemActor } from '../../src/core/actor.js';
import { ephemeralSigningKey } from '../../src/core/audit/index.js';
import type { Clock } from '../../src/core/clock.js';
import { systemClock } from '../../src/core/clock.js';
import { resolveConfig, type Config } from '../../src/core/config.js';
import { randomIds } from '../../src/core/ids.js';
import { silentLogger, type Ctx } from '../../src/core/context.js';
import { addPerson } from '../../src/people/index.js';
import { startCordon, type Running } from '../../src/server/run.js';
import { openTestDb, type TestDb } from './db.js';

export interface TestServer {
  url: string;
  running: Running;
  testDb: TestDb;
  config: Config;
  /** A context acting as the system (set-up steps that bypass HTTP). */
  system: Ctx;
  addPerson(p: { username: string; password: string; displayName: string; isAdmin?: boolean }): Promise<{ id: string }>;
  close(): Promise<void>;
}

/** A real Cordón server on a free port, over a fresh test database. */
export async function startTestServer(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestServer> {
  const testDb = await openTestDb();
  const clock = options.clock ?? systemClock;
  const config = resolveConfig({ port: '0', demo: false }, { CORDON_DATA: '/nonexistent', LOG_LEVEL: 'silent', CORDON_SEAL_INTERVAL_MS: '60000', ...options.env });
  const ids = randomIds(clock);
  const running = await startCordon(config, { db: testDb.db, clock, ids, logger: pino({ level: 'silent' }), signingKey: ephemeralSigningKey() });
  const system: Ctx = { db: testDb.db, clock, ids, log: silentLogger, actor: systemActor('test') };
  return {
    url: running.url,
    running,
    testDb,
    config,
    system,
    addPerson: async (p) => addPerson(system, p),
    close: async () => {
      await running.close();
      await testDb.close();
    },
  };
}

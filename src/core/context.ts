import type { Db } from '../db/db.js';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import type { IdSource } from './ids.js';

/** The logger interface services use (pino satisfies it). */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Everything a use-case needs from the world, passed in so tests control it. */
export interface Ctx {
  db: Db;
  actor: Actor;
  clock: Clock;
  ids: IdSource;
  log: Logger;
}

export function withActor(ctx: Ctx, actor: Actor): Ctx {
  return { ...ctx, actor };
}

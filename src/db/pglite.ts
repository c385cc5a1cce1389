import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, Statement, TransactionOptions, Tx } from './db.js';
import { parseInt8, toStatement, withRetry } from './db.js';
import { inlineStatement, makeTx, newTxState, runHooks } from './tx.js';

/** Opens the embedded database: in memory when `dataDir` is undefined, else kept in
 *  that directory. `loadDataDir` restores a snapshot made with `dumpDataDir`. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<PgliteDb> {
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [types.INT8]: parseInt8 },
    // fuzzy matching of names and addresses (duplicate households), as on a server
    extensions: { pg_trgm },
  });
  const [scs] = (await pg.query<{ standard_conforming_strings: string }>('show standard_conforming_strings')).rows;
  if (scs?.standard_conforming_strings !== 'on') throw new Error('Cordón needs standard_conforming_strings = on');
  return new PgliteDb(pg);
}

/**
 * PGlite is one connection. Every statement outside a transaction and every whole
 * transaction therefore take turns through one queue here: otherwise a query from a
 * concurrent request would run *inside* another request's open transaction (and be
 * rolled back with it). Inside a transaction callback, use `tx`, never the `Db` —
 * doing otherwise would wait on itself, so it fails at once with a clear error.
 */
export class PgliteDb implements Db {
  readonly driver = 'pglite' as const;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inTransaction = new AsyncLocalStorage<true>();

  constructor(readonly pg: PGlite) {}

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore())
      return Promise.reject(new Error('a query on the Db inside one of its transactions: use the transaction handle (tx.query)'));
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  query<R>(text: string | Statement, values?: readonly unknown[]): Promise<R[]> {
    const s = toStatement(text, values);
    return this.exclusive(async () => (await this.pg.query(s.text, s.values)).rows as R[]);
  }

  exec(text: string): Promise<void> {
    return this.exclusive(async () => {
      await this.pg.exec(text);
    });
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const mode = `${options.isolation ? ` isolation level ${options.isolation}` : ''}${options.readOnly ? ' read only' : ''}`;
    return withRetry(options.attempts ?? 5, () =>
      this.exclusive(async () => {
        const state = newTxState();
        await this.pg.exec(`begin${mode}`);
        try {
          const out = await this.inTransaction.run(true, () =>
            fn(
              makeTx(
                {
                  query: async (text, vals) => (await this.pg.query(text, vals)).rows as Record<string, unknown>[],
                  exec: async (text) => {
                    await this.pg.exec(text);
                  },
                },
                state,
              ),
            ),
          );
          // Queued writes and the commit go in one simple-protocol call: each call into
          // PGlite has a fixed cost, far above that of a small insert.
          await this.pg.exec([...state.tail.map(inlineStatement), 'commit'].join(';\n'));
          runHooks(state.hooks);
          return out;
        } catch (e) {
          await this.pg.exec('rollback').catch(() => {});
          throw e;
        }
      }),
    );
  }

  async listen(channel: string, handler: (payload: string) => void) {
    const unsub = await this.pg.listen(channel, handler);
    return async () => {
      await unsub();
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.query('select pg_notify($1, $2)', [channel, payload]);
  }

  /** A snapshot of the whole database, to restore with `openPglite({ loadDataDir })`. */
  dump(): Promise<Blob | File> {
    return this.exclusive(() => this.pg.dumpDataDir('none'));
  }

  async close(): Promise<void> {
    await this.queue;
    if (!this.pg.closed) await this.pg.close();
  }
}

import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Statement, TransactionOptions, Tx } from './db.js';
import { toStatement, withRetry } from './db.js';
import { inlineStatement, makeTx, newTxState, runHooks } from './tx.js';

function parseInt8(s: string): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${s} is beyond JavaScript's safe integers`);
  return n;
}

/** Opens the embedded database: in memory when `dataDir` is undefined, else kept in
 *  that directory. `loadDataDir` restores a snapshot made with `dumpDataDir`. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<PgliteDb> {
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [types.INT8]: parseInt8 },
  });
  const [scs] = (await pg.query<{ standard_conforming_strings: string }>('show standard_conforming_strings')).rows;
  if (scs?.standard_conforming_strings !== 'on') throw new Error('Cordón needs standard_conforming_strings = on');
  return new PgliteDb(pg);
}

export class PgliteDb implements Db {
  readonly driver = 'pglite' as const;
  constructor(readonly pg: PGlite) {}

  async query<R>(text: string | Statement, values?: readonly unknown[]): Promise<R[]> {
    const s = toStatement(text, values);
    const res = await this.pg.query(s.text, s.values);
    return res.rows as R[];
  }

  async exec(text: string): Promise<void> {
    await this.pg.exec(text);
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return withRetry(options.attempts ?? 5, async () => {
      const state = newTxState();
      const result = await this.pg.transaction(async (raw) => {
        if (options.isolation || options.readOnly)
          await raw.exec(
            `set transaction${options.isolation ? ` isolation level ${options.isolation}` : ''}${options.readOnly ? ' read only' : ''}`,
          );
        const out = await fn(
          makeTx(
            {
              query: async (text, vals) => (await raw.query(text, vals)).rows as Record<string, unknown>[],
              exec: async (text) => {
                await raw.exec(text);
              },
            },
            state,
          ),
        );
        // one simple-protocol call for all queued writes: far cheaper in PGlite than a query each
        if (state.tail.length) await raw.exec(state.tail.map(inlineStatement).join(';\n'));
        return out;
      });
      runHooks(state.hooks);
      return result;
    });
  }

  async listen(channel: string, handler: (payload: string) => void) {
    const unsub = await this.pg.listen(channel, handler);
    return async () => {
      await unsub();
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.pg.query('select pg_notify($1, $2)', [channel, payload]);
  }

  /** A snapshot of the whole database, to restore with `openPglite({ loadDataDir })`. */
  dump(): Promise<Blob | File> {
    return this.pg.dumpDataDir('none');
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}

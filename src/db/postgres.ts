import postgres from 'postgres';
import type { Db, Statement, TransactionOptions, Tx } from './db.js';
import { parseInt8, toStatement, withRetry } from './db.js';
import { makeTx, newTxState, runHooks } from './tx.js';

export interface PostgresOptions {
  url: string;
  /** Schema to work in (tests use a fresh one each); `public` stays on the path for extensions. */
  schema?: string;
  /** Pool size; default 10. */
  max?: number;
  applicationName?: string;
}

export function openPostgres(options: PostgresOptions): PostgresDb {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    types: {
      int8: { to: 20, from: [20], serialize: (x: number | bigint) => x.toString(), parse: parseInt8 },
    },
    connection: {
      application_name: options.applicationName ?? 'cordon',
      ...(options.schema ? { search_path: `${options.schema},public` } : {}),
    },
  });
  return new PostgresDb(sql);
}

type Sql = postgres.Sql<{ int8: number }>;

// Named prepared statements, cached per connection: a parameterised query then takes
// one round trip instead of two (describe, then execute), and queries queued with
// `beforeCommit` can be pipelined. Our statement texts are fixed (bulk paths bind
// arrays), so the cache stays small. Behind PgBouncer use session pooling.
const PREPARED = { prepare: true } as const;

export class PostgresDb implements Db {
  readonly driver = 'postgres' as const;
  constructor(readonly sql: Sql) {}

  async query<R>(text: string | Statement, values?: readonly unknown[]): Promise<R[]> {
    const s = toStatement(text, values);
    return (await this.sql.unsafe(s.text, s.values as postgres.ParameterOrJSON<never>[], PREPARED)) as unknown as R[];
  }

  async exec(text: string): Promise<void> {
    await this.sql.unsafe(text).simple();
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const mode = [
      options.isolation ? `isolation level ${options.isolation}` : '',
      options.readOnly ? 'read only' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return withRetry(options.attempts ?? 5, async () => {
      const state = newTxState();
      let tailError: unknown;
      const body = async (raw: postgres.TransactionSql<{ int8: number }>) => {
        const out = await fn(
          makeTx(
            {
              query: async (text, vals) =>
                (await raw.unsafe(text, vals as postgres.ParameterOrJSON<never>[], PREPARED)) as unknown as Record<string, unknown>[],
              exec: async (text) => {
                await raw.unsafe(text).simple();
              },
            },
            state,
          ),
        );
        // Queued writes are sent without waiting for their answers, so they travel in
        // the same pipeline as the COMMIT that follows. If one fails, the server turns
        // that COMMIT into a rollback, and we report the failure below.
        for (const s of state.tail)
          void raw.unsafe(s.text, s.values as postgres.ParameterOrJSON<never>[], PREPARED).catch((e: unknown) => {
            tailError ??= e;
          });
        return out;
      };
      const result = (await (mode ? this.sql.begin(mode, body) : this.sql.begin(body))) as T;
      if (tailError) throw tailError;
      runHooks(state.hooks);
      return result;
    });
  }

  async listen(channel: string, handler: (payload: string) => void) {
    const sub = await this.sql.listen(channel, handler);
    return async () => {
      await sub.unlisten();
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.sql.notify(channel, payload);
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

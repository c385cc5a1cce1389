/**
 * The one database interface every module uses. Two drivers implement it — embedded
 * PGlite and a PostgreSQL server through postgres.js — and run the same SQL.
 *
 * Parameters are positional (`$1`, `$2`, …) or built with the `sql` tag. Rows come
 * back as plain objects with the same JS types on both drivers: int2/4/8 → number
 * (int8 checked to be a safe integer), numeric → string, timestamptz → Date,
 * bytea → Uint8Array, json/jsonb → parsed value, arrays → arrays.
 *
 * JSON goes in as text — `$1::text::jsonb` with `JSON.stringify(value)` — because the
 * drivers serialise a parameter typed jsonb differently (postgres.js would encode a
 * string a second time).
 */

export interface Statement {
  text: string;
  values: unknown[];
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string | Statement, values?: readonly unknown[]): Promise<R[]>;
  /** Runs several statements without parameters (DDL, migrations). */
  exec(text: string): Promise<void>;
}

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  isolation?: Isolation;
  /** Attempts in all, counting the first, when the database reports a serialization
   *  failure or deadlock (SQLSTATE 40001, 40P01). Default 5. */
  attempts?: number;
  readOnly?: boolean;
}

/** A transaction. Nested `transaction` calls become savepoints. */
export interface Tx extends Queryable {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` after this transaction commits (e.g. wake a sweeper); never if it rolls back. */
  afterCommit(fn: () => void): void;
  /** Queues a write that is sent with the commit rather than on its own: it costs no
   *  round trip (PostgreSQL pipelines it) and no extra call into PGlite. If it fails,
   *  the transaction fails. Its result is not returned. Used by the audit log. */
  beforeCommit(statement: Statement): void;
}

export type Unlisten = () => Promise<void>;

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Subscribes to a LISTEN/NOTIFY channel. Payloads arrive after the sender commits. */
  listen(channel: string, handler: (payload: string) => void): Promise<Unlisten>;
  /** Sends a notification outside any transaction (inside one, use `select pg_notify`). */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Builds a parameterised statement: sql`select * from t where id = ${id}`. Values
 *  are always bound as parameters, never spliced into the text. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) text += `$${i + 1}${strings[i + 1] ?? ''}`;
  return { text, values };
}

export function toStatement(text: string | Statement, values?: readonly unknown[]): Statement {
  return typeof text === 'string' ? { text, values: values ? [...values] : [] } : text;
}

/** SQLSTATEs after which the whole transaction may be retried. */
export const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Runs `attempt` again on serialization failure or deadlock, with a short jittered backoff. */
export async function withRetry<T>(attempts: number, attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      const state = sqlState(e);
      if (i >= attempts || !state || !RETRYABLE_SQLSTATES.has(state)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** i));
    }
  }
}

/** int8 text → number, refusing values beyond JavaScript's safe integers rather than rounding them. */
export function parseInt8(s: string): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${s} is beyond JavaScript's safe integers`);
  return n;
}

import type { Statement, Tx } from './db.js';
import { toStatement } from './db.js';

interface Raw {
  query(text: string, values: unknown[]): Promise<Record<string, unknown>[]>;
  exec(text: string): Promise<void>;
}

/** What a transaction has queued to write just before it commits. */
export interface TxState {
  hooks: (() => void)[];
  tail: Statement[];
}

export const newTxState = (): TxState => ({ hooks: [], tail: [] });

/** Builds a `Tx` over a driver's raw transaction handle: nested transactions become
 *  savepoints (whose queued writes and hooks are dropped if they roll back). */
export function makeTx(raw: Raw, state: TxState, depth = 0): Tx {
  const tx: Tx = {
    query: async <R>(text: string | Statement, values?: readonly unknown[]) => {
      const s = toStatement(text, values);
      return (await raw.query(s.text, s.values)) as R[];
    },
    exec: (text: string) => raw.exec(text),
    afterCommit: (fn) => {
      state.hooks.push(fn);
    },
    beforeCommit: (statement) => {
      state.tail.push(statement);
    },
    transaction: async (fn) => {
      const name = `sp${depth + 1}`;
      const inner = newTxState();
      await raw.exec(`savepoint ${name}`);
      try {
        const result = await fn(makeTx(raw, inner, depth + 1));
        await raw.exec(`release savepoint ${name}`);
        state.hooks.push(...inner.hooks);
        state.tail.push(...inner.tail);
        return result;
      } catch (e) {
        await raw.exec(`rollback to savepoint ${name}`);
        throw e;
      }
    },
  };
  return tx;
}

export function runHooks(hooks: (() => void)[]): void {
  for (const h of hooks) {
    try {
      h();
    } catch {
      // an after-commit hook must not turn a committed transaction into an error
    }
  }
}

/** A value as an SQL literal, for statements sent in one simple-protocol batch.
 *  Safe under standard_conforming_strings = on (checked when a driver opens), where a
 *  doubled quote is the only escape a string literal has. */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`cannot write ${v} as SQL`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (typeof v === 'string') {
    if (v.includes('\0')) throw new TypeError('text cannot contain NUL');
    return `'${v.replaceAll("'", "''")}'`;
  }
  if (Array.isArray(v)) return `ARRAY[${v.map(sqlLiteral).join(',')}]`;
  throw new TypeError(`cannot write a ${typeof v} as an SQL literal`);
}

/** Replaces `$n` placeholders with literals (for our own statement texts only). */
export function inlineStatement(s: Statement): string {
  return s.text.replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(s.values[Number(n) - 1]));
}

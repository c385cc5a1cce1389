import type { Statement, Tx } from './db.js';
import { toStatement } from './db.js';

interface Raw {
  query(text: string, values: unknown[]): Promise<Record<string, unknown>[]>;
  exec(text: string): Promise<void>;
}

/** Builds a `Tx` over a driver's raw transaction handle: nested transactions become
 *  savepoints; after-commit hooks are collected for the caller to run. */
export function makeTx(raw: Raw, hooks: (() => void)[], depth = 0): Tx {
  const tx: Tx = {
    query: async <R>(text: string | Statement, values?: readonly unknown[]) => {
      const s = toStatement(text, values);
      return (await raw.query(s.text, s.values)) as R[];
    },
    exec: (text: string) => raw.exec(text),
    afterCommit: (fn) => {
      hooks.push(fn);
    },
    transaction: async (fn) => {
      const name = `sp${depth + 1}`;
      await raw.exec(`savepoint ${name}`);
      try {
        const result = await fn(makeTx(raw, hooks, depth + 1));
        await raw.exec(`release savepoint ${name}`);
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

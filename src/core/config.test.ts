import { describe, expect, test } from 'vitest';
import { resolveConfig } from './config.js';
import { Problem } from './problem.js';

describe('resolveConfig', () => {
  test('defaults', () => {
    const c = resolveConfig({}, {});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', demo: true, databaseUrl: undefined, logLevel: 'info', sessionTtlHours: 12 });
    expect(c.dataDir).toMatch(/\.cordon$/);
  });

  test('flags win over the environment, which wins over defaults', () => {
    expect(resolveConfig({ port: '9000' }, { PORT: '7000' }).port).toBe(9000);
    expect(resolveConfig({}, { PORT: '7000' }).port).toBe(7000);
    expect(resolveConfig({ data: '/tmp/x' }, { CORDON_DATA: '/tmp/y' }).dataDir).toBe('/tmp/x');
    expect(resolveConfig({ demo: false }, { CORDON_DEMO: 'true' }).demo).toBe(false);
  });

  test('every bad value is reported at once, naming where it came from', () => {
    let err: unknown;
    try {
      resolveConfig({ port: 'eighty' }, { DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', CORDON_SESSION_TTL_HOURS: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Problem);
    const p = err as Problem;
    expect(p.exitCode).toBe(2);
    expect(p.errors).toEqual([
      { field: '--port', reason: 'must be a whole number, got "eighty"' },
      { field: 'DATABASE_URL', reason: 'must start with postgres:// or postgresql://, got mysql://' },
      { field: 'LOG_LEVEL', reason: 'must be one of fatal, error, warn, info, debug, trace, silent' },
      { field: 'CORDON_SESSION_TTL_HOURS', reason: 'must be between 1 and 2160, got 0' },
    ]);
  });

  test('a PostgreSQL URL may name several hosts (a primary and its standbys)', () => {
    const url = 'postgres://u:p@127.0.0.1:5461,127.0.0.1:5462/cordon?target_session_attrs=read-write';
    expect(resolveConfig({}, { DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(() => resolveConfig({}, { DATABASE_URL: 'postgres://u@a b,c/d' })).toThrow(/DATABASE_URL/);
  });

  test('an empty environment variable means unset', () => {
    expect(resolveConfig({}, { PORT: '' }).port).toBe(8080);
  });
});

import { resolve } from 'node:path';
import { problem, type FieldError } from './problem.js';

/**
 * Runtime configuration. Each setting has a flag, an environment variable and a
 * default; a flag wins over the environment, which wins over the default. Every bad
 * value is reported at once, each naming its flag/variable and the reason.
 */
export interface Config {
  port: number;
  host: string;
  /** Data directory: embedded database, audit signing key. */
  dataDir: string;
  /** PostgreSQL server; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** Read replica for read-only queries. */
  replicaUrl: string | undefined;
  logLevel: LogLevel;
  /** Load the small demo federation into an empty database. */
  demo: boolean;
  sessionTtlHours: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** How often the audit sealer runs, in milliseconds. */
  sealIntervalMs: number;
  /** Mark the session cookie `Secure` (serve over HTTPS). */
  secureCookies: boolean;
  /** Failed logins allowed per account or address within the window before 429. */
  loginMaxFailures: number;
  loginWindowMinutes: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type ConfigFlags = Partial<Record<'port' | 'host' | 'data' | 'demo', string | boolean | undefined>>;

interface Setting<T> {
  flag?: string;
  env: string;
  fallback: T;
  parse: (raw: string) => Parsed<T>;
}

type Parsed<T> = { value: T } | { error: string };
const ok = <T>(value: T): Parsed<T> => ({ value });
const bad = (error: string): { error: string } => ({ error });

function integer(min: number, max: number) {
  return (raw: string): Parsed<number> => {
    if (!/^-?\d+$/.test(raw.trim())) return bad(`must be a whole number, got "${raw}"`);
    const n = Number(raw);
    if (n < min || n > max) return bad(`must be between ${min} and ${max}, got ${n}`);
    return ok(n);
  };
}

function boolean(raw: string): Parsed<boolean> {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return ok(true);
  if (['0', 'false', 'no', 'off'].includes(v)) return ok(false);
  return bad(`must be true or false, got "${raw}"`);
}

function nonEmpty(raw: string): Parsed<string> {
  return raw.trim() ? ok(raw.trim()) : bad('must not be empty');
}

function postgresUrl(raw: string): Parsed<string | undefined> {
  let u: URL;
  try {
    // Several hosts (`host1:5432,host2:5432`, tried in turn; with `target_session_attrs=read-write`
    // the one that accepts writes is used, so a promoted standby takes over) are one URL
    // to postgres.js but not to the WHATWG parser: check it with the first host alone.
    u = new URL(raw.replace(/^([a-z]+:\/\/(?:[^@/]*@)?)([^/,?#]+)(?:,[^/,?#]+)+/i, '$1$2'));
  } catch {
    return bad('is not a URL (expected postgres://user:password@host:port/database)');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    return bad(`must start with postgres:// or postgresql://, got ${u.protocol}//`);
  return ok(raw);
}

const settings = {
  port: { flag: '--port', env: 'PORT', fallback: 8080, parse: integer(0, 65535) },
  host: { env: 'HOST', fallback: '127.0.0.1', parse: nonEmpty },
  dataDir: { flag: '--data', env: 'CORDON_DATA', fallback: './.cordon', parse: nonEmpty },
  databaseUrl: { env: 'DATABASE_URL', fallback: undefined, parse: postgresUrl },
  replicaUrl: { env: 'DATABASE_REPLICA_URL', fallback: undefined, parse: postgresUrl },
  logLevel: {
    env: 'LOG_LEVEL',
    fallback: 'info',
    parse: (s: string): Parsed<LogLevel> =>
      (LOG_LEVELS as readonly string[]).includes(s) ? ok(s as LogLevel) : bad(`must be one of ${LOG_LEVELS.join(', ')}`),
  },
  demo: { flag: '--demo', env: 'CORDON_DEMO', fallback: true, parse: boolean },
  sessionTtlHours: { env: 'CORDON_SESSION_TTL_HOURS', fallback: 12, parse: integer(1, 24 * 90) },
  bodyLimit: { env: 'CORDON_BODY_LIMIT', fallback: 1024 * 1024, parse: integer(1024, 512 * 1024 * 1024) },
  sealIntervalMs: { env: 'CORDON_SEAL_INTERVAL_MS', fallback: 1000, parse: integer(10, 3_600_000) },
  secureCookies: { env: 'CORDON_SECURE_COOKIES', fallback: false, parse: boolean },
  loginMaxFailures: { env: 'CORDON_LOGIN_MAX_FAILURES', fallback: 10, parse: integer(1, 1_000_000) },
  loginWindowMinutes: { env: 'CORDON_LOGIN_WINDOW_MINUTES', fallback: 15, parse: integer(1, 24 * 60) },
} satisfies { [K in keyof Config]: Setting<Config[K]> };

/** Resolves the configuration from flags > environment > defaults, or throws one
 *  `invalid` Problem listing every bad value. */
export function resolveConfig(flags: ConfigFlags, env: Record<string, string | undefined>): Config {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(settings) as [keyof Config, Setting<unknown>][]) {
    const flagName = s.flag?.slice(2) as keyof ConfigFlags | undefined;
    const fromFlag = flagName ? flags[flagName] : undefined;
    const raw = fromFlag !== undefined ? String(fromFlag) : env[s.env];
    if (raw === undefined || (raw === '' && fromFlag === undefined)) {
      out[key] = s.fallback;
      continue;
    }
    const parsed = s.parse(raw);
    if ('error' in parsed) errors.push({ field: fromFlag !== undefined ? s.flag! : s.env, reason: parsed.error });
    else out[key] = parsed.value;
  }
  if (errors.length) throw problem.invalidMany(errors, 'bad_config');
  const cfg = out as unknown as Config;
  cfg.dataDir = resolve(cfg.dataDir);
  return cfg;
}

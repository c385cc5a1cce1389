import type { Queryable } from '../db/db.js';
import type { ApiToken, Person, Scope } from './model.js';

interface PersonRow {
  id: string;
  username: string;
  display_name: string;
  is_admin: boolean;
  created_at: Date;
  password_hash: string | null;
  disabled_at: Date | null;
}

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  isAdmin: r.is_admin,
  createdAt: r.created_at,
});

export async function insertPerson(
  q: Queryable,
  p: Person & { passwordHash: string | null },
): Promise<Person> {
  await q.query(
    `insert into person (id, username, display_name, password_hash, is_admin, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [p.id, p.username, p.displayName, p.passwordHash, p.isAdmin, p.createdAt],
  );
  return { id: p.id, username: p.username, displayName: p.displayName, isAdmin: p.isAdmin, createdAt: p.createdAt };
}

export async function personByUsername(q: Queryable, username: string) {
  const [r] = await q.query<PersonRow>('select * from person where username = $1', [username]);
  return r && { person: toPerson(r), passwordHash: r.password_hash, disabled: r.disabled_at !== null };
}

export async function personById(q: Queryable, id: string): Promise<Person | undefined> {
  const [r] = await q.query<PersonRow>('select * from person where id = $1 and disabled_at is null', [id]);
  return r && toPerson(r);
}

export async function countPeople(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>('select count(*)::int8 as n from person');
  return r?.n ?? 0;
}

export async function setPassword(q: Queryable, personId: string, passwordHash: string): Promise<void> {
  await q.query('update person set password_hash = $2 where id = $1', [personId, passwordHash]);
}

// --- login failures (rate limiting across all server processes) ---

export async function recentFailures(q: Queryable, username: string, address: string, since: Date) {
  const [r] = await q.query<{ by_user: number; by_address: number; oldest: Date | null }>(
    `select count(*) filter (where username = $1)::int8 as by_user,
            count(*) filter (where address = $2)::int8 as by_address,
            min(at) as oldest
     from login_failure where at > $3 and (username = $1 or address = $2)`,
    [username, address, since],
  );
  return r ?? { by_user: 0, by_address: 0, oldest: null };
}

export async function recordFailure(q: Queryable, username: string, address: string, at: Date): Promise<void> {
  await q.query('insert into login_failure (username, address, at) values ($1, $2, $3)', [username, address, at]);
}

export async function clearFailures(q: Queryable, username: string): Promise<void> {
  await q.query('delete from login_failure where username = $1', [username]);
}

// --- sessions ---

export async function insertSession(
  q: Queryable,
  s: { idHash: Uint8Array; personId: string; csrfToken: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await q.query(
    'insert into session (id_hash, person_id, csrf_token, created_at, expires_at) values ($1, $2, $3, $4, $5)',
    [s.idHash, s.personId, s.csrfToken, s.createdAt, s.expiresAt],
  );
}

export interface FoundSession {
  person: Person;
  csrfToken: string;
  expiresAt: Date;
  ended: boolean;
}

export async function sessionByHash(q: Queryable, idHash: Uint8Array): Promise<FoundSession | undefined> {
  const [r] = await q.query<PersonRow & { csrf_token: string; expires_at: Date; ended_at: Date | null; person_id: string }>(
    `select p.*, s.csrf_token, s.expires_at, s.ended_at, s.person_id
     from session s join person p on p.id = s.person_id where s.id_hash = $1`,
    [idHash],
  );
  return (
    r && {
      person: toPerson(r),
      csrfToken: r.csrf_token,
      expiresAt: r.expires_at,
      ended: r.ended_at !== null || r.disabled_at !== null,
    }
  );
}

/** Many sessions in one statement (the sign-in check of concurrent requests, see Batcher). */
export async function sessionsByHash(q: Queryable, idHashes: readonly Uint8Array[]): Promise<(FoundSession | undefined)[]> {
  const rows = await q.query<PersonRow & { csrf_token: string; expires_at: Date; ended_at: Date | null; person_id: string; key: string }>(
    `select p.*, s.csrf_token, s.expires_at, s.ended_at, s.person_id, encode(s.id_hash, 'hex') as key
     from session s join person p on p.id = s.person_id
     where s.id_hash = any (select decode(h, 'hex') from unnest($1::text[]) h)`,
    [idHashes.map((h) => Buffer.from(h).toString('hex'))],
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return idHashes.map((h) => {
    const r = byKey.get(Buffer.from(h).toString('hex'));
    return r && { person: toPerson(r), csrfToken: r.csrf_token, expiresAt: r.expires_at, ended: r.ended_at !== null || r.disabled_at !== null };
  });
}

export async function endSession(q: Queryable, idHash: Uint8Array, at: Date): Promise<string | undefined> {
  const [r] = await q.query<{ person_id: string }>(
    'update session set ended_at = $2 where id_hash = $1 and ended_at is null returning person_id',
    [idHash, at],
  );
  return r?.person_id;
}

// --- API tokens ---

interface TokenRow {
  id: string;
  person_id: string;
  name: string;
  scopes: Scope[];
  secret_hash: Uint8Array;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  personId: r.person_id,
  name: r.name,
  scopes: r.scopes,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export async function insertToken(q: Queryable, t: ApiToken & { secretHash: Uint8Array }): Promise<ApiToken> {
  await q.query(
    `insert into api_token (id, person_id, name, scopes, secret_hash, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [t.id, t.personId, t.name, t.scopes, t.secretHash, t.createdAt, t.expiresAt],
  );
  return toToken({
    id: t.id,
    person_id: t.personId,
    name: t.name,
    scopes: t.scopes,
    secret_hash: t.secretHash,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    revoked_at: null,
    last_used_at: null,
  });
}

export async function tokenById(q: Queryable, id: string) {
  const [r] = await q.query<TokenRow & { is_admin: boolean; disabled_at: Date | null }>(
    `select t.*, p.is_admin, p.disabled_at from api_token t join person p on p.id = t.person_id where t.id = $1`,
    [id],
  );
  return r && { token: toToken(r), secretHash: r.secret_hash, isAdmin: r.is_admin, personDisabled: r.disabled_at !== null };
}

export async function tokensOf(q: Queryable, personId: string): Promise<ApiToken[]> {
  const rows = await q.query<TokenRow>('select * from api_token where person_id = $1 order by created_at', [personId]);
  return rows.map(toToken);
}

export async function revokeToken(q: Queryable, id: string, at: Date): Promise<ApiToken | undefined> {
  const [r] = await q.query<TokenRow>(
    'update api_token set revoked_at = coalesce(revoked_at, $2) where id = $1 returning *',
    [id, at],
  );
  return r && toToken(r);
}

export async function touchToken(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('update api_token set last_used_at = $2 where id = $1', [id, at]);
}

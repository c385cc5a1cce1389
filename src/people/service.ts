import { appendAudit } from '../core/audit/append.js';
import type { Actor } from '../core/actor.js';
import type { Ctx } from '../core/context.js';
import type { Clock } from '../core/clock.js';
import { problem, type FieldError } from '../core/problem.js';
import { Batcher, batchSlots, perDb } from '../db/batch.js';
import type { Db, Unlisten } from '../db/db.js';
import { EVENTS_CHANNEL, publish } from '../core/events.js';
import { requireAdmin, requirePerson } from './access.js';
import { SCOPES, type ApiToken, type Person, type Scope, type SessionInfo } from './model.js';
import { formatToken, hashPassword, parseToken, sameSecret, secretHash, verifyPassword } from './secrets.js';
import * as store from './store.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export function normaliseUsername(u: string): string {
  return u.trim().toLowerCase();
}

function checkPassword(field: string, password: string, errors: FieldError[]): void {
  if (password.length < 8) errors.push({ field, reason: 'must be at least 8 characters' });
  if (password.length > 1024) errors.push({ field, reason: 'must be at most 1024 characters' });
}

export interface NewPerson {
  username: string;
  displayName: string;
  /** Omit for a member who does not sign in (yet). */
  password?: string;
  isAdmin?: boolean;
}

/** Creates an account. Administrators only. */
export async function addPerson(ctx: Ctx, input: NewPerson): Promise<Person> {
  requireAdmin(ctx.actor);
  const username = normaliseUsername(input.username);
  const errors: FieldError[] = [];
  if (!USERNAME.test(username))
    errors.push({ field: 'username', reason: '2–63 characters: letters, digits, dot, dash or underscore, starting with a letter or digit' });
  if (!input.displayName.trim()) errors.push({ field: 'displayName', reason: 'must not be empty' });
  if (input.password !== undefined) checkPassword('password', input.password, errors);
  if (errors.length) throw problem.invalidMany(errors);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    if (await store.personByUsername(tx, username)) throw problem.conflict('username', `"${username}" is taken`, 'username_taken');
    const person = await store.insertPerson(tx, {
      id: ctx.ids.uuid(),
      username,
      displayName: input.displayName.trim(),
      passwordHash,
      isAdmin: input.isAdmin ?? false,
      createdAt: ctx.clock.now(),
    });
    // The audit log is public: it records that an account exists, not who it is.
    await appendAudit(tx, ctx, { action: 'person.create', subject: `person:${person.id}`, payload: { isAdmin: person.isAdmin } });
    return person;
  });
}

/** Sets a person's password: their own (with the current one) or anyone's as an administrator. */
export async function changePassword(
  ctx: Ctx,
  input: { personId: string; newPassword: string; currentPassword?: string },
): Promise<void> {
  const self = requirePerson(ctx.actor);
  const errors: FieldError[] = [];
  checkPassword('newPassword', input.newPassword, errors);
  if (errors.length) throw problem.invalidMany(errors);
  const isAdmin = (ctx.actor.kind === 'person' || ctx.actor.kind === 'token') && ctx.actor.isAdmin;
  if (input.personId !== self && !isAdmin) throw problem.forbidden('you may change only your own password');
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const person = await store.personById(tx, input.personId);
    if (!person) throw problem.notFound('personId', 'no such person');
    if (input.personId === self) {
      const found = await store.personByUsername(tx, person.username);
      if (!(await verifyPassword(found?.passwordHash ?? null, input.currentPassword ?? '')))
        throw problem.invalid('currentPassword', 'does not match', 'wrong_password');
    }
    await store.setPassword(tx, input.personId, passwordHash);
    await appendAudit(tx, ctx, { action: 'person.password', subject: `person:${input.personId}` });
  });
}

export interface LoginSettings {
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
}

export interface LoginResult {
  /** The secret that goes into the session cookie; only its hash is stored. */
  sessionToken: string;
  session: SessionInfo;
}

/**
 * Signs a person in. Failed attempts are counted per account and per address across
 * all server processes; past the limit the answer is 429 until the window passes,
 * whether or not the password would have been right.
 */
export async function login(
  ctx: Ctx,
  settings: LoginSettings,
  input: { username: string; password: string; address: string },
): Promise<LoginResult> {
  const username = normaliseUsername(input.username);
  const now = ctx.clock.now();
  const windowStart = new Date(now.getTime() - settings.loginWindowMinutes * 60_000);
  const failures = await store.recentFailures(ctx.db, username, input.address, windowStart);
  if (failures.by_user >= settings.loginMaxFailures || failures.by_address >= settings.loginMaxFailures * 5) {
    const retryAt = (failures.oldest?.getTime() ?? now.getTime()) + settings.loginWindowMinutes * 60_000;
    throw problem.rateLimited('too many failed sign-ins; wait before trying again', Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)));
  }
  const found = await store.personByUsername(ctx.db, username);
  const ok = await verifyPassword(found?.passwordHash ?? null, input.password);
  if (!found || !ok || found.disabled || !found.passwordHash) {
    await ctx.db.transaction(async (tx) => {
      await store.recordFailure(tx, username, input.address, now);
      await appendAudit(tx, ctx, { action: 'auth.login_failed', subject: found ? `person:${found.person.id}` : 'person:unknown' });
    });
    throw problem.unauthenticated('wrong username or password', 'bad_credentials');
  }
  const sessionToken = ctx.ids.secret(32);
  const session: SessionInfo = {
    person: found.person,
    csrfToken: ctx.ids.secret(24),
    expiresAt: new Date(now.getTime() + settings.sessionTtlHours * 3_600_000),
  };
  const actor: Actor = { kind: 'person', id: found.person.id, isAdmin: found.person.isAdmin };
  await ctx.db.transaction(async (tx) => {
    await store.insertSession(tx, {
      idHash: secretHash(sessionToken),
      personId: found.person.id,
      csrfToken: session.csrfToken,
      createdAt: now,
      expiresAt: session.expiresAt,
    });
    await store.clearFailures(tx, username);
    await appendAudit(tx, { ...ctx, actor }, { action: 'auth.login', subject: `person:${found.person.id}` });
  });
  return { sessionToken, session };
}

export async function logout(ctx: Ctx, sessionToken: string): Promise<void> {
  const hash = secretHash(sessionToken);
  await ctx.db.transaction(async (tx) => {
    const personId = await store.endSession(tx, hash, ctx.clock.now());
    if (personId) {
      await appendAudit(tx, ctx, { action: 'auth.logout', subject: `person:${personId}` });
      await publish(tx, SESSIONS_TOPIC, {}); // every server forgets what it remembered
    }
  });
  sessionCache(ctx.db).forgetAll();
}

/**
 * Sessions found are remembered for a moment by each server, so a busy desk or a vote
 * does not cost a session lookup per request. Ending a session (or anything else that
 * changes who may act) publishes SESSIONS_TOPIC, and every server listening on the
 * database forgets them all at once (watchSessionChanges); SESSION_CACHE_MS bounds what a
 * server that missed the notification may still accept.
 */
export const SESSION_CACHE_MS = 2_000;
export const SESSIONS_TOPIC = 'people.sessions';
const SESSION_CACHE_MAX = 100_000;
/** Remembered sessions; `generation` counts the times they were all forgotten, so a lookup
 *  that was in flight meanwhile (it may have read a session as it was before a logout) is
 *  answered but not remembered. */
class SessionCache extends Map<string, { found: store.FoundSession; at: number }> {
  generation = 0;
  forgetAll(): void {
    this.generation++;
    this.clear();
  }
}
const sessionCache = perDb((_db: Db) => new SessionCache());

/** Forgets the remembered sessions when any server publishes SESSIONS_TOPIC. */
export async function watchSessionChanges(db: Db): Promise<Unlisten> {
  return db.listen(EVENTS_CHANNEL, (payload) => {
    if (payload.includes(`"${SESSIONS_TOPIC}"`)) sessionCache(db).forgetAll();
  });
}

export type SessionCheck = { ok: true; session: SessionInfo } | { ok: false; reason: 'unknown' | 'expired' };

/** Looks up a session cookie's secret. */
// Every request signed in with a cookie looks up its session: concurrent lookups go
// to the database together (see Batcher).
const sessionLookups = perDb(
  (db: Db) =>
    new Batcher<Uint8Array, store.FoundSession | undefined>(
      (hashes) => store.sessionsByHash(db, hashes),
      (hash) => store.sessionByHash(db, hash),
      { maxBatch: 200, slots: batchSlots(db) },
    ),
);

/** How the batched session lookups went on this database handle (tests, metrics). */
export const sessionLookupStats = (db: Db) => sessionLookups(db).stats;

export async function checkSession(db: Db, clock: Clock, sessionToken: string): Promise<SessionCheck> {
  const hash = secretHash(sessionToken);
  const key = Buffer.from(hash).toString('hex');
  const cache = sessionCache(db);
  const now = performance.now();
  let s = cache.get(key);
  if (!s || now - s.at > SESSION_CACHE_MS) {
    const generation = cache.generation;
    const found = await sessionLookups(db).submit(hash);
    if (found && !found.ended && generation === cache.generation) {
      if (cache.size >= SESSION_CACHE_MAX) cache.clear();
      cache.set(key, (s = { found, at: now }));
    } else {
      if (!found || found.ended) cache.delete(key);
      s = found && { found, at: now };
    }
  }
  return checkFound(s?.found, clock);
}

function checkFound(s: store.FoundSession | undefined, clock: Clock): SessionCheck {
  if (!s || s.ended) return { ok: false, reason: 'unknown' };
  if (s.expiresAt <= clock.now()) return { ok: false, reason: 'expired' };
  return { ok: true, session: { person: s.person, csrfToken: s.csrfToken, expiresAt: s.expiresAt } };
}

export interface NewToken {
  name: string;
  scopes: Scope[];
  /** Days until it stops working; omit for no expiry. */
  expiresInDays?: number;
  /** Administrators may create tokens for another person (e.g. an enterprise's reporting device). */
  personId?: string;
}

/** Creates a bearer token. The secret is returned once and stored only as a hash. */
export async function createToken(ctx: Ctx, input: NewToken): Promise<{ token: string; info: ApiToken }> {
  const self = ctx.actor.kind === 'system' ? undefined : requirePerson(ctx.actor);
  const owner = input.personId ?? self;
  if (!owner) throw problem.invalid('personId', 'required when no person is signed in');
  if (owner !== self) requireAdmin(ctx.actor);
  if (ctx.actor.kind === 'token') throw problem.forbidden('a token cannot create tokens; sign in', 'token_cannot_create_tokens');
  const errors: FieldError[] = [];
  if (!input.name.trim()) errors.push({ field: 'name', reason: 'must not be empty' });
  if (input.scopes.length === 0) errors.push({ field: 'scopes', reason: `name at least one of ${SCOPES.join(', ')}` });
  for (const s of input.scopes)
    if (!(SCOPES as readonly string[]).includes(s)) errors.push({ field: 'scopes', reason: `unknown scope "${s}" (known: ${SCOPES.join(', ')})` });
  if (input.expiresInDays !== undefined && !(Number.isInteger(input.expiresInDays) && input.expiresInDays >= 1))
    errors.push({ field: 'expiresInDays', reason: 'must be a whole number of days, at least 1' });
  if (errors.length) throw problem.invalidMany(errors);
  const now = ctx.clock.now();
  const id = ctx.ids.uuid();
  const secret = ctx.ids.secret(32);
  return ctx.db.transaction(async (tx) => {
    if (!(await store.personById(tx, owner))) throw problem.notFound('personId', 'no such person');
    const info = await store.insertToken(tx, {
      id,
      personId: owner,
      name: input.name.trim(),
      scopes: [...new Set(input.scopes)],
      secretHash: secretHash(secret),
      createdAt: now,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      revokedAt: null,
      lastUsedAt: null,
    });
    await appendAudit(tx, ctx, { action: 'token.create', subject: `token:${id}`, payload: { personId: owner, scopes: info.scopes } });
    return { token: formatToken(id, secret), info };
  });
}

export async function listTokens(ctx: Ctx): Promise<ApiToken[]> {
  return store.tokensOf(ctx.db, requirePerson(ctx.actor));
}

/** Revokes a token: its owner or an administrator. Revoking twice is harmless. */
export async function revokeToken(ctx: Ctx, tokenId: string): Promise<ApiToken> {
  const self = ctx.actor.kind === 'system' ? undefined : requirePerson(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const found = await store.tokenById(tx, tokenId);
    if (!found) throw problem.notFound('tokenId', 'no such token');
    if (found.token.personId !== self) requireAdmin(ctx.actor);
    const token = (await store.revokeToken(tx, tokenId, ctx.clock.now()))!;
    await appendAudit(tx, ctx, { action: 'token.revoke', subject: `token:${tokenId}` });
    return token;
  });
}

export type TokenCheck = { ok: true; actor: Actor & { kind: 'token' } } | { ok: false; reason: string };

/** Checks a bearer token: well-formed, known, secret matches, not revoked or expired. */
export async function checkToken(db: Db, clock: Clock, bearer: string): Promise<TokenCheck> {
  const parsed = parseToken(bearer);
  if (!parsed) return { ok: false, reason: 'is not a Cordón token (cdn_…)' };
  const found = await store.tokenById(db, parsed.id);
  if (!found || !sameSecret(Buffer.from(found.secretHash).toString('hex'), Buffer.from(secretHash(parsed.secret)).toString('hex')))
    return { ok: false, reason: 'is not valid' };
  if (found.token.revokedAt) return { ok: false, reason: 'was revoked' };
  if (found.personDisabled) return { ok: false, reason: "belongs to a disabled account" };
  const now = clock.now();
  if (found.token.expiresAt && found.token.expiresAt <= now) return { ok: false, reason: 'has expired' };
  // Record use at most once a minute: a reporting device must not cost a write per request.
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > 60_000) await store.touchToken(db, parsed.id, now);
  return {
    ok: true,
    actor: { kind: 'token', id: found.token.id, personId: found.token.personId, isAdmin: found.isAdmin, scopes: found.token.scopes },
  };
}

export { countPeople, personById } from './store.js';

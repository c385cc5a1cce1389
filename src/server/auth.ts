import type { FastifyInstance, FastifyRequest } from 'fastify';
import { anonymous, type Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import type { IdSource } from '../core/ids.js';
import { problem } from '../core/problem.js';
import type { Db } from '../db/db.js';
import { checkSession, checkToken, SESSION_COOKIE } from '../people/index.js';
import { sameSecret } from '../people/secrets.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthDeps {
  db: Db;
  clock: Clock;
  ids: IdSource;
}

/**
 * Resolves who is calling (bearer token, else session cookie) into `req.ctx.actor`,
 * then enforces the route's `config.auth` level, a token's scopes, and CSRF protection
 * for writes made with the session cookie (the `X-CSRF-Token` header must match the
 * session's token; the cookie is also SameSite=Strict).
 */
export function registerAuth(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('auth', null as unknown as FastifyRequest['auth']);

  app.addHook('onRequest', async (req) => {
    let actor: Actor = anonymous;
    req.auth = { via: 'none' };
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw problem.unauthenticated('the Authorization header must read "Bearer <token>"', 'bad_token');
      const t = await checkToken(deps.db, deps.clock, m[1]!);
      if (!t.ok) throw Object.assign(problem.unauthenticated(`the bearer token ${t.reason}`, 'bad_token'));
      actor = t.actor;
      req.auth = { via: 'token' };
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const s = await checkSession(deps.db, deps.clock, cookie);
        if (s.ok) {
          actor = { kind: 'person', id: s.session.person.id, isAdmin: s.session.person.isAdmin };
          req.auth = { via: 'session', csrfToken: s.session.csrfToken, sessionToken: cookie, session: s.session };
        } else
          req.auth = {
            via: 'none',
            rejected: s.reason === 'expired' ? { code: 'session_expired', reason: 'your session has expired; sign in again' } : { code: 'session_unknown', reason: 'your session has ended; sign in again' },
          };
      }
    }
    req.ctx = { db: deps.db, clock: deps.clock, ids: deps.ids, log: req.log, actor };
  });

  app.addHook('preHandler', async (req) => {
    const config = req.routeOptions.config;
    const level = config.auth ?? 'user';
    const actor = req.ctx.actor;
    if (level !== 'public') {
      if (actor.kind === 'anonymous') {
        const r = req.auth.rejected;
        throw r ? problem.unauthenticated(r.reason, r.code) : problem.unauthenticated('sign in first (session cookie or bearer token)');
      }
      if (level === 'admin' && !((actor.kind === 'person' || actor.kind === 'token') && actor.isAdmin))
        throw problem.forbidden('only an administrator may do this', 'admin_only');
    }
    if (actor.kind === 'token') {
      const needed = config.scope ?? (SAFE_METHODS.has(req.method) ? 'read' : 'write');
      const has = actor.scopes.includes(needed) || (needed === 'read' && actor.scopes.includes('write'));
      if (!has) throw problem.forbidden(`this token lacks the "${needed}" scope`, 'scope');
    }
    if (req.auth.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, req.auth.csrfToken!))
        throw problem.forbidden('missing or wrong X-CSRF-Token header for a write made with the session cookie', 'csrf');
    }
  });
}

import type { Ctx } from '../core/context.js';
import type { Scope, SessionInfo } from '../people/model.js';

/** Who may call a route: anyone, a signed-in person (or token), or an administrator. */
export type AuthLevel = 'public' | 'user' | 'admin';

export interface RequestAuth {
  /** How the request authenticated. */
  via: 'none' | 'session' | 'token';
  /** For session requests: the session's CSRF token and cookie secret. */
  csrfToken?: string;
  sessionToken?: string;
  /** The session itself, as looked up for this request. */
  session?: SessionInfo;
  /** Why a presented credential was not accepted (names it in the 401). */
  rejected?: { code: string; reason: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    auth: RequestAuth;
  }
  interface FastifyContextConfig {
    auth?: AuthLevel;
    /** Scope a bearer token needs; defaults to `read` for GET/HEAD and `write` otherwise. */
    scope?: Scope;
  }
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problem } from '../core/problem.js';
import { ProblemResponses } from '../core/problem-schema.js';
import type { ApiToken, Person, SessionInfo } from './model.js';
import {
  CreatedToken,
  EmptyBody,
  IdParams,
  LoginBody,
  NewPersonBody,
  NewTokenBody,
  PasswordBody,
  PersonView,
  SessionView,
  TokenView,
} from './schemas.js';
import * as service from './service.js';

export const SESSION_COOKIE = 'cordon_session';

export interface PeopleRouteOptions {
  login: service.LoginSettings;
  secureCookies: boolean;
}

const personView = (p: Person) => ({ id: p.id, username: p.username, displayName: p.displayName, isAdmin: p.isAdmin });
const sessionView = (s: SessionInfo) => ({ person: personView(s.person), csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() });
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const tokenView = (t: ApiToken) => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
  expiresAt: iso(t.expiresAt),
  revokedAt: iso(t.revokedAt),
  lastUsedAt: iso(t.lastUsedAt),
});

export const peopleRoutes: FastifyPluginAsyncTypebox<PeopleRouteOptions> = async (app, opts) => {
  app.post(
    '/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the http-only session cookie',
        body: LoginBody,
        response: { 200: SessionView, ...ProblemResponses },
      },
    },
    async (req, reply) => {
      const { sessionToken, session } = await service.login(req.ctx, opts.login, { ...req.body, address: req.ip });
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      return sessionView(session);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { auth: 'user' },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session', body: Type.Optional(EmptyBody), response: { 204: Type.Null(), ...ProblemResponses } },
    },
    async (req, reply) => {
      if (req.auth.sessionToken) await service.logout(req.ctx, req.auth.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { auth: 'user' },
      schema: { tags: ['auth'], summary: 'The current session', response: { 200: SessionView, ...ProblemResponses } },
    },
    async (req) => {
      // the auth hook has just looked the session up and checked it
      if (!req.auth.session) throw problem.unauthenticated('no session: this request used a token', 'no_session');
      return sessionView(req.auth.session);
    },
  );

  app.post(
    '/people',
    {
      config: { auth: 'admin' },
      schema: { tags: ['people'], summary: 'Create an account (administrators)', body: NewPersonBody, response: { 201: PersonView, ...ProblemResponses } },
    },
    async (req, reply) => reply.code(201).send(personView(await service.addPerson(req.ctx, req.body))),
  );

  app.post(
    '/people/:id/password',
    {
      config: { auth: 'user' },
      schema: { tags: ['people'], summary: "Change a password (one's own, or any as administrator)", params: IdParams, body: PasswordBody, response: { 204: Type.Null(), ...ProblemResponses } },
    },
    async (req, reply) => {
      await service.changePassword(req.ctx, { personId: req.params.id, ...req.body });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/tokens',
    {
      config: { auth: 'user' },
      schema: { tags: ['tokens'], summary: "The signed-in person's API tokens", response: { 200: Type.Array(TokenView), ...ProblemResponses } },
    },
    async (req) => (await service.listTokens(req.ctx)).map(tokenView),
  );

  app.post(
    '/tokens',
    {
      config: { auth: 'user', idempotent: false },
      schema: { tags: ['tokens'], summary: 'Create a bearer token; the secret is shown once', body: NewTokenBody, response: { 201: CreatedToken, ...ProblemResponses } },
    },
    async (req, reply) => {
      const { token, info } = await service.createToken(req.ctx, req.body);
      return reply.code(201).send({ token, info: tokenView(info) });
    },
  );

  app.post(
    '/tokens/:id/revoke',
    {
      config: { auth: 'user' },
      schema: { tags: ['tokens'], summary: 'Revoke a token', params: IdParams, body: Type.Optional(EmptyBody), response: { 200: TokenView, ...ProblemResponses } },
    },
    async (req) => tokenView(await service.revokeToken(req.ctx, req.params.id)),
  );
};

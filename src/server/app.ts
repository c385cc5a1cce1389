import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger as PinoLogger } from 'pino';
import { Type } from 'typebox';
import type { Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import type { IdSource } from '../core/ids.js';
import { problem } from '../core/problem.js';
import { ProblemBody, ProblemResponses } from '../core/problem-schema.js';
import type { Db } from '../db/db.js';
import { migrationStatus } from '../db/migrate.js';
import { councilRoutes } from '../councils/index.js';
import { supplyRoutes } from '../supply/index.js';
import { planRoutes } from '../plan/index.js';
import { monitorRoutes } from '../monitor/index.js';
import { peopleRoutes } from '../people/index.js';
import { auditRoutes } from './audit-routes.js';
import { registerAuth } from './auth.js';
import { registerIdempotency } from './idempotency.js';
import './fastify-types.js';
import type { LiveHub} from './live.js';
import { registerLiveRoutes } from './live.js';
import { errorHandler } from './problems.js';
import { validatorCompiler } from './validation.js';

export const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
  ids: IdSource;
  logger: PinoLogger;
  hub: LiveHub;
  version: string;
  /** Set when the server begins a graceful shutdown. */
  lifecycle?: { closing: boolean };
  webRoot?: string;
}

/** A plugin scope whose routes (registered by third-party plugins that take no route
 *  config: static files, the docs UI) are public and left out of the OpenAPI document. */
function publicRoutes(register: (scope: FastifyInstance) => Promise<void>) {
  return async (scope: FastifyInstance) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), auth: 'public' };
      route.schema = { ...route.schema, hide: true };
    });
    await register(scope);
  };
}

/** Assembles the HTTP application: plugins, auth, every module's routes, docs, web app. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: true,
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // While shutting down, answers close their connection, so keep-alive connections do
  // not hold the server open after the requests in flight are done.
  const lifecycle = deps.lifecycle;
  if (lifecycle)
    app.addHook('onSend', async (_req, reply) => {
      if (lifecycle.closing) reply.header('connection', 'close');
    });

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req) => {
    throw problem.notFound('url', `no route ${req.method} ${req.url.split('?')[0]}`, 'no_route');
  });
  app.addSchema(ProblemBody);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cordón API',
        version: deps.version,
        description:
          'Democratic economic coordination: councils, supply committees, the plan, monitoring. Errors are RFC 9457 problem details. ' +
          'People authenticate with the session cookie from POST /auth/login (writes then need the X-CSRF-Token header); devices with `Authorization: Bearer cdn_…`. ' +
          'Send an `Idempotency-Key` header (e.g. a UUID) with any write you may retry: a retry with the same key is answered from the first attempt and writes nothing.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cordon_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(publicRoutes(async (scope) => {
    await scope.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  }));
  await app.register(cookie);

  registerAuth(app, deps);
  registerIdempotency(app);

  app.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Database reachable and migrations current',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            version: Type.String(),
            database: Type.Object({ driver: Type.String(), migration: Type.Integer(), latest: Type.Integer() }),
          }),
          ...ProblemResponses,
        },
      },
    },
    async () => {
      let status;
      try {
        status = await migrationStatus(deps.db);
      } catch (err) {
        deps.logger.warn({ err }, 'health check: database unreachable');
        throw problem.unavailable('the database is unreachable', 'db_unreachable');
      }
      if (status.pending.length)
        throw problem.unavailable(`the database is at migration ${status.current} of ${status.latest}; run cordon migrate`, 'migrations_pending');
      return { status: 'ok' as const, version: deps.version, database: { driver: deps.db.driver, migration: status.current, latest: status.latest } };
    },
  );

  registerLiveRoutes(app, deps.hub);
  await app.register(auditRoutes);
  await app.register(peopleRoutes, {
    login: { sessionTtlHours: config.sessionTtlHours, loginMaxFailures: config.loginMaxFailures, loginWindowMinutes: config.loginWindowMinutes },
    secureCookies: config.secureCookies,
  });
  await app.register(councilRoutes);
  await app.register(supplyRoutes);
  await app.register(planRoutes);
  await app.register(monitorRoutes);

  const webRoot = deps.webRoot ?? WEB_ROOT;
  if (existsSync(webRoot)) {
    // The web app's files are public; the API behind them checks every call.
    await app.register(publicRoutes(async (scope) => {
      await scope.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: ['index.html'] });
    }));
  } else {
    app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html').send('<!doctype html><title>Cordón</title><p>The web app is not built: run <code>npm run build:web</code>. The API is at <a href="/docs">/docs</a>.'),
    );
  }
  return app;
}

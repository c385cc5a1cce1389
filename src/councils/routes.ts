import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../core/problem-schema.js';
import { BODY_KINDS } from './model.js';
import { electionRoutes } from './election-routes.js';
import { motionRoutes } from './motion-routes.js';
import * as service from './service.js';

const Kind = Type.Enum(BODY_KINDS);
const BodyView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Kind,
  name: Type.String(),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const councilRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(electionRoutes);
  await app.register(motionRoutes);

  app.patch(
    '/bodies/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['councils'],
        summary: 'Move a body under another parent (administrators); a cycle of parents is refused',
        params: IdParams,
        body: Type.Object({ parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) }, { additionalProperties: false }),
        response: { 200: BodyView, ...ProblemResponses },
      },
    },
    async (req) => {
      const b = await service.setParent(req.ctx, req.params.id, req.body.parentId);
      return { ...b, createdAt: b.createdAt.toISOString() };
    },
  );

  app.get(
    '/bodies',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['councils'],
        summary: 'Bodies of the federation',
        querystring: Type.Object({ parentId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: { 200: Type.Array(Type.Intersect([BodyView, Type.Object({ members: Type.Integer() })])), ...ProblemResponses },
      },
    },
    async (req) =>
      (await service.listBodies(req.ctx, req.query.parentId)).map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
  );

  app.get(
    '/bodies/:id',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['councils'],
        summary: 'A body with its current members and their offices',
        params: IdParams,
        response: {
          200: Type.Intersect([
            BodyView,
            Type.Object({
              members: Type.Array(Type.Object({ personId: Type.String(), displayName: Type.String(), since: Type.String({ format: 'date-time' }), offices: Type.Array(Type.String()) })),
            }),
          ]),
          ...ProblemResponses,
        },
      },
    },
    async (req) => {
      const b = await service.getBody(req.ctx, req.params.id);
      return {
        ...b,
        createdAt: b.createdAt.toISOString(),
        members: b.members.map((m) => ({ personId: m.person_id, displayName: m.display_name, since: m.since.toISOString(), offices: m.offices })),
      };
    },
  );

  app.post(
    '/bodies',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['councils'],
        summary: 'Found a body (administrators)',
        body: Type.Object(
          {
            kind: Kind,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            parentId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
            charter: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'delegates, weighting, quorum, electionMethod, electionDays, recallShare' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: BodyView, ...ProblemResponses },
      },
    },
    async (req, reply) => {
      const b = await service.createBody(req.ctx, req.body);
      return reply.code(201).send({ ...b, createdAt: b.createdAt.toISOString() });
    },
  );

  app.post(
    '/bodies/:id/members',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['councils'],
        summary: 'Add members to a base body (administrators)',
        params: IdParams,
        body: Type.Object({ personIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ added: Type.Integer() }), ...ProblemResponses },
      },
    },
    async (req) => ({ added: await service.addMembers(req.ctx, req.params.id, req.body.personIds) }),
  );

  app.post(
    '/bodies/:id/offices',
    {
      schema: {
        tags: ['councils'],
        summary: "Give a member an office (the body's chair, or an administrator; the chair itself is chosen by the body)",
        params: IdParams,
        body: Type.Object({ personId: Type.String({ format: 'uuid' }), title: Type.String({ pattern: '^[a-z][a-z_]{1,40}$' }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (req, reply) => {
      await service.grantOffice(req.ctx, { bodyId: req.params.id, ...req.body });
      return reply.code(204).send(null);
    },
  );
};

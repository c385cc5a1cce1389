import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../core/problem-schema.js';
import type { MotionRow, amendmentsOf } from './motions-store.js';
import * as motions from './motions.js';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const MotionView = Type.Object({
  id: Id,
  bodyId: Id,
  title: Type.String(),
  text: Type.String(),
  options: Type.Array(Type.String()),
  kind: Type.Enum(['choice', 'ranking'] as const),
  base: Type.Enum(['cast', 'members'] as const),
  threshold: Type.Number(),
  quorum: Type.Number(),
  secret: Type.Boolean(),
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  status: Type.Enum(['open', 'closed'] as const),
  forwardedFrom: Type.Union([Id, Type.Null()]),
  amends: Type.Union([Id, Type.Null()]),
  grantsOffice: Type.Union([Type.Object({ title: Type.String(), personId: Id }), Type.Null()]),
  result: Type.Unknown({ description: 'the tally once closed: weights (hundredths of a vote) per option, entitled weight, quorum, adopted option' }),
  amendments: Type.Optional(
    Type.Array(
      Type.Object({
        id: Id,
        title: Type.String(),
        text: Type.String({ description: 'the new text it proposes' }),
        status: Type.Enum(['open', 'closed'] as const),
        closesAt: Type.String({ format: 'date-time' }),
        appliedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'when it was adopted and its text replaced the motion\'s' }),
        replacedText: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  ),
  rollCall: Type.Optional(Type.Array(Type.Object({ personId: Id, displayName: Type.String(), weight: Type.Integer(), choice: Type.Union([Type.Integer(), Type.Null()]) }))),
});

type Amendment = Awaited<ReturnType<typeof amendmentsOf>>[number];
const view = (m: MotionRow & { rollCall?: { person_id: string; display_name: string; weight: number; choice: number | null }[]; amendments?: Amendment[] }) => ({
  id: m.id,
  bodyId: m.body_id,
  title: m.title,
  text: m.text,
  options: m.options,
  kind: m.kind,
  base: m.base,
  threshold: m.threshold,
  quorum: m.quorum,
  secret: m.secret,
  opensAt: m.opens_at.toISOString(),
  closesAt: m.closes_at.toISOString(),
  status: m.status,
  forwardedFrom: m.forwarded_from,
  amends: m.amends,
  grantsOffice: m.grants_office,
  result: m.result ?? null,
  ...(m.amendments
    ? {
        amendments: m.amendments.map((a) => ({
          id: a.id,
          title: a.title,
          text: a.text,
          status: a.status,
          closesAt: a.closes_at.toISOString(),
          appliedAt: a.applied_at?.toISOString() ?? null,
          replacedText: a.old_text,
        })),
      }
    : {}),
  ...(m.rollCall ? { rollCall: m.rollCall.map((r) => ({ personId: r.person_id, displayName: r.display_name, weight: r.weight, choice: r.choice })) } : {}),
});

export const motionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/bodies/:id/motions',
    {
      schema: {
        tags: ['motions'],
        summary: 'Put a motion to the body (members)',
        params: IdParams,
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 300 }),
            text: Type.String({ maxLength: 20_000 }),
            options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 2, maxItems: 50 })),
            kind: Type.Optional(Type.Enum(['choice', 'ranking'] as const)),
            base: Type.Optional(Type.Enum(['cast', 'members'] as const)),
            threshold: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1 })),
            quorum: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
            secret: Type.Optional(Type.Boolean()),
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
            amends: Type.Optional(Id),
            grantsOffice: Type.Optional(Type.Object({ title: Type.String({ pattern: '^[a-z][a-z_]{1,40}$' }), personId: Id }, { additionalProperties: false, description: 'elect a member to an office (e.g. chair): adopted, they take it' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: MotionView, ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(view(await motions.proposeMotion(req.ctx, { bodyId: req.params.id, ...req.body }))),
  );

  app.get('/bodies/:id/motions', { schema: { tags: ['motions'], summary: "A body's motions, newest first", params: IdParams, response: { 200: Type.Array(MotionView), ...ProblemResponses } } }, async (req) =>
    (await motions.motionsOfBody(req.ctx, req.params.id)).map(view),
  );

  app.get('/motions/:id', { schema: { tags: ['motions'], summary: 'A motion, its result and (when voted by name) its roll call', params: IdParams, response: { 200: MotionView, ...ProblemResponses } } }, async (req) =>
    view(await motions.getMotion(req.ctx, req.params.id)),
  );

  app.post(
    '/motions/:id/votes',
    {
      // never store the answer: a stored receipt beside its voter would undo the secret ballot
      config: { idempotent: false },
      schema: {
        tags: ['motions'],
        summary: 'Vote: an option index, or a ranking of option indexes',
        params: IdParams,
        body: Type.Object({ choice: Type.Optional(Type.Integer({ minimum: 0 })), ranking: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1, maxItems: 50 })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ receipt: Type.Optional(Type.String()), breach: Type.Optional(Type.Boolean()), recalled: Type.Optional(Type.Boolean()) }), ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await motions.voteMotion(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/motions/:id/receipts/:receipt',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['motions'],
        summary: 'Check the receipt of a secret vote: the ballot as stored and counted',
        params: Type.Object({ id: Id, receipt: Type.String({ minLength: 4, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ choice: Type.Union([Type.Integer(), Type.Null()]), ranking: Type.Union([Type.Array(Type.Integer()), Type.Null()]), weight: Type.Integer() }), ...ProblemResponses },
      },
    },
    async (req) => motions.checkMotionReceipt(req.ctx, req.params.id, req.params.receipt),
  );

  app.post(
    '/motions/:id/close',
    { schema: { tags: ['motions'], summary: 'Close a motion after its window; the result is final', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: MotionView, ...ProblemResponses } } },
    async (req) => {
      await motions.closeMotion(req.ctx, req.params.id);
      return view(await motions.getMotion(req.ctx, req.params.id));
    },
  );

  app.post(
    '/motions/:id/forward',
    { schema: { tags: ['motions'], summary: 'Forward an adopted motion to the parent body (chair)', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 201: MotionView, ...ProblemResponses } } },
    async (req, reply) => reply.code(201).send(view(await motions.forwardMotion(req.ctx, req.params.id))),
  );

  app.post(
    '/bodies/:id/mandates',
    {
      schema: {
        tags: ['motions'],
        summary: "Instruct this body's delegates how to vote on a motion of the body above (chair, after the base decided)",
        params: IdParams,
        body: Type.Object({ motionId: Id, choice: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Id, baseBodyId: Id, motionId: Id, choice: Type.Integer() }), ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await motions.adoptMandate(req.ctx, { baseBodyId: req.params.id, ...req.body })),
  );
};

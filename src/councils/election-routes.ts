import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../core/problem-schema.js';
import * as elections from './elections.js';
import { openRecallVote } from './motions.js';
import { restoreConfidence, withdrawConfidence } from './recall.js';
import { noticesOf, reportBack } from './report-back.js';
import { delegationView } from './service.js';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const Method = Type.Enum(['stv', 'irv', 'plurality', 'approval', 'schulze'] as const);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const DateOrNull = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const ElectionView = Type.Object({
  id: Id,
  constituencyId: Id,
  method: Method,
  seatIds: Type.Array(Id),
  status: Type.Enum(['nominating', 'open', 'counted'] as const),
  opensAt: DateOrNull,
  closesAt: DateOrNull,
  candidates: Type.Array(Type.Object({ personId: Id, displayName: Type.String() })),
  elected: Type.Union([Type.Array(Id), Type.Null()]),
});

async function view(ctx: Parameters<typeof elections.getElection>[0], id: string) {
  const e = await elections.getElection(ctx, id);
  return {
    id: e.id,
    constituencyId: e.constituency_id,
    method: e.method,
    seatIds: e.seat_ids,
    status: e.status,
    opensAt: iso(e.opens_at),
    closesAt: iso(e.closes_at),
    candidates: e.candidates.map((c) => ({ personId: c.person_id, displayName: c.display_name })),
    elected: e.result ? (e.result as { elected: string[] }).elected : null,
  };
}

export const electionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/bodies/:id/elections',
    {
      schema: {
        tags: ['elections'],
        summary: "Call an election of the body's delegates to its parent (chair)",
        params: IdParams,
        body: Type.Object(
          { candidates: Type.Optional(Type.Array(Id, { maxItems: 500 })), method: Type.Optional(Method), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) },
          { additionalProperties: false },
        ),
        response: { 201: ElectionView, ...ProblemResponses },
      },
    },
    async (req, reply) => {
      const e = await elections.callElection(req.ctx, { constituencyId: req.params.id, ...req.body });
      return reply.code(201).send(await view(req.ctx, e.id));
    },
  );

  app.get(
    '/bodies/:id/elections',
    {
      schema: {
        tags: ['elections'],
        summary: "A body's elections of its delegates, newest first",
        params: IdParams,
        response: {
          200: Type.Array(Type.Object({ id: Id, status: Type.Enum(['nominating', 'open', 'counted'] as const), method: Method, opensAt: DateOrNull, closesAt: DateOrNull, seatIds: Type.Array(Id) })),
          ...ProblemResponses,
        },
      },
    },
    async (req) =>
      (await elections.electionsOfBody(req.ctx, req.params.id)).map((e) => ({
        id: e.id,
        status: e.status,
        method: e.method,
        opensAt: iso(e.opens_at),
        closesAt: iso(e.closes_at),
        seatIds: e.seat_ids,
      })),
  );

  app.get('/elections/:id', { schema: { tags: ['elections'], summary: 'An election', params: IdParams, response: { 200: ElectionView, ...ProblemResponses } } }, async (req) =>
    view(req.ctx, req.params.id),
  );

  app.post(
    '/elections/:id/candidates',
    {
      schema: {
        tags: ['elections'],
        summary: 'Stand for election (or, as chair, nominate a member)',
        params: IdParams,
        body: Type.Object({ personId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: ElectionView, ...ProblemResponses },
      },
    },
    async (req) => {
      await elections.nominate(req.ctx, req.params.id, req.body.personId);
      return view(req.ctx, req.params.id);
    },
  );

  app.post(
    '/elections/:id/open',
    {
      schema: {
        tags: ['elections'],
        summary: 'Open the vote (chair)',
        params: IdParams,
        body: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }, { additionalProperties: false }),
        response: { 200: ElectionView, ...ProblemResponses },
      },
    },
    async (req) => {
      await elections.openVoting(req.ctx, req.params.id, req.body.days);
      return view(req.ctx, req.params.id);
    },
  );

  app.post(
    '/elections/:id/ballots',
    {
      // never store the answer: a stored receipt beside its voter would undo the secret ballot
      config: { idempotent: false },
      schema: {
        tags: ['elections'],
        summary: 'Cast a secret ballot; returns a receipt to check it was counted',
        params: IdParams,
        body: Type.Object({ ranking: Type.Array(Id, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ receipt: Type.String() }), ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await elections.castBallot(req.ctx, req.params.id, req.body.ranking)),
  );

  app.post(
    '/elections/:id/count',
    {
      schema: {
        tags: ['elections'],
        summary: 'Count a closed election and fill its seats (final)',
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: {
          200: Type.Object({
            elected: Type.Array(Id),
            seats: Type.Array(Type.Object({ seatId: Id, personId: Type.Union([Id, Type.Null()]) })),
            byElections: Type.Array(Id),
            stages: Type.Integer(),
          }),
          ...ProblemResponses,
        },
      },
    },
    async (req) => {
      const o = await elections.countElection(req.ctx, req.params.id);
      return { elected: o.result.elected, seats: o.seats, byElections: o.byElections, stages: o.result.stages.length };
    },
  );

  app.get(
    '/elections/:id/ballots',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['elections'],
        summary: 'Published ballots of a counted election, under their receipt hashes (SHA-256 of the receipt)',
        params: IdParams,
        response: { 200: Type.Array(Type.Object({ receiptHash: Type.String(), ranking: Type.Array(Id) })), ...ProblemResponses },
      },
    },
    async (req) => elections.publishedBallots(req.ctx, req.params.id),
  );

  app.get(
    '/elections/:id/result',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['elections'],
        summary: 'The full count of a counted election: every stage (votes, transfers, exhausted, quota), tie-breaks and seed',
        params: IdParams,
        response: { 200: Type.Unknown({ description: 'the same shape as `cordon count --json`, with candidates as person ids' }), ...ProblemResponses },
      },
    },
    async (req) => elections.electionResult(req.ctx, req.params.id),
  );

  app.get(
    '/elections/:id/ballots.blt',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['elections'],
        summary: 'The ballots of a counted election as a BLT file, to recount with any STV counter',
        params: IdParams,
        produces: ['text/plain'],
        response: { 200: Type.String(), ...ProblemResponses },
      },
    },
    async (req, reply) => reply.type('text/plain; charset=utf-8').send(await elections.ballotsAsBlt(req.ctx, req.params.id)),
  );

  app.get(
    '/elections/:id/receipts/:receipt',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['elections'],
        summary: 'Check a receipt: the ballot it belongs to, as counted',
        params: Type.Object({ id: Id, receipt: Type.String({ minLength: 4, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ranking: Type.Array(Id) }), ...ProblemResponses },
      },
    },
    async (req) => elections.checkReceipt(req.ctx, req.params.id, req.params.receipt),
  );

  app.get(
    '/bodies/:id/delegation',
    {
      schema: {
        tags: ['councils'],
        summary: 'The seats a body sends up, who holds them, and how much confidence each has lost',
        params: IdParams,
        response: {
          200: Type.Object({
            members: Type.Integer(),
            recallThreshold: Type.Integer(),
            seats: Type.Array(
              Type.Object({
                seatId: Id,
                number: Type.Integer(),
                bodyId: Id,
                holder: Type.Union([Type.Object({ personId: Id, displayName: Type.String(), since: Type.String({ format: 'date-time' }) }), Type.Null()]),
                withdrawals: Type.Integer(),
                withdrawnByMe: Type.Boolean({ description: 'whether the signed-in person has withdrawn confidence from this delegate' }),
              }),
            ),
          }),
          ...ProblemResponses,
        },
      },
    },
    async (req) => delegationView(req.ctx, req.params.id),
  );

  const Outcome = Type.Object({
    withdrawals: Type.Integer(),
    threshold: Type.Integer(),
    vacated: Type.Array(Type.Object({ seatId: Id, bodyId: Id })),
    byElections: Type.Array(Id),
    recallVote: Type.Optional(Id),
  });
  app.post(
    '/seats/:id/withdraw-confidence',
    {
      schema: {
        tags: ['councils'],
        summary: 'Withdraw your confidence from your delegate; at the threshold the mandate ends at once',
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: Outcome, ...ProblemResponses },
      },
    },
    async (req) => withdrawConfidence(req.ctx, req.params.id, elections.refillSeat, openRecallVote),
  );

  app.post(
    '/seats/:id/report-backs',
    {
      schema: {
        tags: ['councils'],
        summary: 'The delegate reports back to the base that sent them',
        params: IdParams,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Id }), ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await reportBack(req.ctx, req.params.id, req.body.text)),
  );

  app.get(
    '/bodies/:id/notices',
    {
      schema: {
        tags: ['councils'],
        summary: 'Notices raised to a body (missed report-backs, …), newest first',
        params: IdParams,
        response: { 200: Type.Array(Type.Object({ id: Id, kind: Type.String(), detail: Type.Unknown(), at: Type.String({ format: 'date-time' }) })), ...ProblemResponses },
      },
    },
    async (req) => noticesOf(req.ctx, req.params.id),
  );

  app.post(
    '/seats/:id/restore-confidence',
    {
      schema: {
        tags: ['councils'],
        summary: 'Restore the confidence you had withdrawn',
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: Type.Object({ withdrawals: Type.Integer() }), ...ProblemResponses },
      },
    },
    async (req) => restoreConfidence(req.ctx, req.params.id),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkpoints, publicKeys, sealedEvents } from '../core/audit/index.js';
import { ProblemResponses } from '../core/problem-schema.js';

const Hex = Type.String({ pattern: '^[0-9a-f]*$' });
const Page = (after: string) =>
  Type.Object(
    {
      after: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: after })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 })),
    },
    { additionalProperties: false },
  );

/** The public record: anyone may read the sealed chain and verify it independently. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit/events',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['audit'],
        summary: 'Sealed audit events in chain order',
        description:
          'leaf = SHA-256(0x00 ‖ canonical JSON [id, at, actor, action, subject, payload]); chainHash = SHA-256(previous chainHash ‖ leaf), starting from 32 zero bytes.',
        querystring: Page('return events after this chain position'),
        response: {
          200: Type.Array(
            Type.Object({
              pos: Type.Integer(),
              id: Type.String(),
              at: Type.String({ format: 'date-time' }),
              actor: Type.String(),
              action: Type.String(),
              subject: Type.String(),
              payload: Type.String({ description: 'canonical JSON text, exactly as hashed' }),
              chainHash: Hex,
            }),
          ),
          ...ProblemResponses,
        },
      },
    },
    async (req) => sealedEvents(req.ctx.db, req.query.after ?? 0, req.query.limit ?? 1000),
  );

  app.get(
    '/audit/checkpoints',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['audit'],
        summary: 'Signed checkpoints, one per sealed batch',
        description:
          'Each checkpoint signs (ed25519) the canonical JSON {batch, chainHash, firstPos, keyId, lastPos, merkleRoot, previous, sealedAt}; merkleRoot is the RFC 6962 tree hash of the batch leaves; previous is the prior checkpoint hash.',
        querystring: Page('return checkpoints after this batch number'),
        response: {
          200: Type.Array(
            Type.Object({
              batch: Type.Integer(),
              firstPos: Type.Integer(),
              lastPos: Type.Integer(),
              merkleRoot: Hex,
              chainHash: Hex,
              previous: Type.Union([Hex, Type.Null()]),
              checkpointHash: Hex,
              keyId: Type.String(),
              signature: Hex,
              sealedAt: Type.String({ format: 'date-time' }),
            }),
          ),
          ...ProblemResponses,
        },
      },
    },
    async (req) => checkpoints(req.ctx.db, req.query.after ?? 0, req.query.limit ?? 1000),
  );

  app.get(
    '/audit/keys',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['audit'],
        summary: 'Public keys that sign checkpoints (PEM, SPKI)',
        response: { 200: Type.Array(Type.Object({ id: Type.String(), publicKey: Type.String(), createdAt: Type.String({ format: 'date-time' }) })), ...ProblemResponses },
      },
    },
    async (req) => publicKeys(req.ctx.db),
  );
};

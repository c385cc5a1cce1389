import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ProblemResponses } from '../core/problem-schema.js';
import { printCards, printDistributionList, type PrintedPdf } from './print.js';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const Lang = Type.Optional(Type.Enum(['es', 'en'] as const, { description: 'the language printed (default es)' }));
// the PDF goes out as the bytes it is: fastify sends a Buffer as it is, without a serializer
const Pdf = Type.Unknown({ description: 'application/pdf, A4' });
const tags = ['supply'];

function sendPdf(reply: FastifyReply, { filename, pdf }: PrintedPdf) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'private, no-store') // card codes: not for shared caches
    .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}

export const printRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/supply/committees/:id/cards.pdf',
    {
      schema: {
        tags,
        summary: "Ration cards to print (the committee's officers): the live cards of all its households, or of those named; A4, ten credit-card-sized cards a page, no personal data",
        params: IdParams,
        querystring: Type.Object({ household: Type.Optional(Type.Array(Id, { maxItems: 1000, description: 'repeat for several households' })), lang: Lang }, { additionalProperties: false }),
        response: { 200: Pdf, ...ProblemResponses },
      },
    },
    async (req, reply) => sendPdf(reply, await printCards(req.ctx, req.params.id, { households: req.query.household, lang: req.query.lang })),
  );

  app.get(
    '/supply/committees/:id/distribution.pdf',
    {
      schema: {
        tags,
        summary: "The period's distribution list for the committee's desk (its officers): every household with rations, by reference, its card, people, ration and what is left per good, and a column to sign; A4",
        params: IdParams,
        querystring: Type.Object({ periodId: Id, lang: Lang }, { additionalProperties: false }),
        response: { 200: Pdf, ...ProblemResponses },
      },
    },
    async (req, reply) => sendPdf(reply, await printDistributionList(req.ctx, req.params.id, req.query.periodId, req.query.lang)),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../core/problem-schema.js';
import * as s from './schemas.js';
import * as service from './service.js';

const tags = ['plan'];

export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // IO tables arrive as CSV
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 200 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.post(
    '/plan/models',
    {
      schema: {
        tags,
        summary: 'Import a canonical IO table (text/csv; docs/formats.md) as a new plan model of a body (its planning office). A bad table writes nothing',
        querystring: s.ImportQuery,
        body: Type.String({ description: 'the canonical CSV' }),
        response: { 200: s.ImportSummary, 201: s.ImportSummary, ...ProblemResponses },
      },
    },
    async (req, reply) => {
      const r = await service.importTable(req.ctx, { ...req.query, csv: req.body });
      return reply.code(r.dryRun ? 200 : 201).send(r);
    },
  );
  app.get('/plan/models/:id', { schema: { tags, summary: 'A plan model: products (sector, unit, technical coefficients, labour) and enterprises', params: s.IdParams, response: { 200: s.ModelView, ...ProblemResponses } } }, async (req) =>
    service.getModel(req.ctx, req.params.id),
  );
  app.post(
    '/plan/models/:id/enterprises',
    { schema: { tags, summary: 'Make a workplace body an enterprise of the model, with the products it makes (planning office)', params: s.IdParams, body: s.EnterpriseBody, response: { 201: s.EnterpriseView, ...ProblemResponses } } },
    async (req, reply) => reply.code(201).send(await service.registerEnterprise(req.ctx, req.params.id, req.body)),
  );
  app.put(
    '/plan/models/:id/goods',
    { schema: { tags, summary: 'Map supply goods to products (planning office)', params: s.IdParams, body: s.GoodsBody, response: { 200: Type.Object({ mapped: Type.Integer() }), ...ProblemResponses } } },
    async (req) => service.mapGoods(req.ctx, req.params.id, req.body),
  );
  app.get('/plan/models/:id/demand', { schema: { tags, summary: 'The final demand of the model, each row with its source', params: s.IdParams, response: { 200: Type.Array(s.DemandRowView), ...ProblemResponses } } }, async (req) =>
    service.demandOf(req.ctx, req.params.id),
  );
  app.post(
    '/plan/models/:id/demand',
    { schema: { tags, summary: 'Add final demand: assembly targets, reserves, investment, exports (planning office)', params: s.IdParams, body: s.DemandBody, response: { 201: Type.Array(s.DemandRowView), ...ProblemResponses } } },
    async (req, reply) => reply.code(201).send(await service.addDemand(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/plan/models/:id/demand/supply',
    {
      schema: {
        tags,
        summary: "Replace the model's supply demand with a ration period's unmet need, through the goods' mapping (planning office)",
        params: s.IdParams,
        body: s.SupplyDemandBody,
        response: { 200: Type.Object({ rows: Type.Array(s.DemandRowView), unmapped: Type.Array(Type.String()) }), ...ProblemResponses },
      },
    },
    async (req) => service.demandFromSupply(req.ctx, req.params.id, req.body.periodId),
  );
  app.post(
    '/plan/models/:id/variants',
    { schema: { tags, summary: 'Create and solve a variant (planning office): outputs, labour, slack, shortfalls', params: s.IdParams, body: s.VariantBody, response: { 201: s.VariantView, ...ProblemResponses } } },
    async (req, reply) => reply.code(201).send(await service.createVariant(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/plan/models/:id/variants',
    {
      schema: {
        tags,
        summary: 'The variants of a model side by side (ids=… for some of them)',
        params: s.IdParams,
        querystring: Type.Object({ ids: Type.Optional(Type.String({ description: 'comma-separated variant ids' })) }, { additionalProperties: false }),
        response: { 200: s.Comparison, ...ProblemResponses },
      },
    },
    async (req) => service.compareVariants(req.ctx, req.params.id, req.query.ids ? req.query.ids.split(',') : undefined),
  );
  app.post(
    '/plan/models/:id/votes',
    {
      schema: {
        tags,
        summary: 'Put a set of variants to a motion in a body (planning office, a member of that body); adopted, the winner becomes the plan',
        params: s.IdParams,
        body: s.VoteBody,
        response: { 201: s.VoteView, ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.putToVote(req.ctx, req.params.id, req.body)),
  );
  app.get('/plan/models/:id/plans', { schema: { tags, summary: 'The plans adopted for a model, newest version first', params: s.IdParams, response: { 200: s.PlanList, ...ProblemResponses } } }, async (req) =>
    service.plansOf(req.ctx, req.params.id),
  );
  app.get('/plan/plans/:id', { schema: { tags, summary: 'An adopted plan (immutable) with its targets per enterprise and product', params: s.IdParams, response: { 200: s.PlanView, ...ProblemResponses } } }, async (req) =>
    service.getPlan(req.ctx, req.params.id),
  );
  app.get(
    '/plan/enterprises/:id/targets',
    { schema: { tags, summary: "An enterprise's targets on a day: per product, monthly and daily", params: s.IdParams, querystring: s.TargetsQuery, response: { 200: Type.Array(s.TargetView), ...ProblemResponses } } },
    async (req) => service.targetsOf(req.ctx.db, req.params.id, req.query.day),
  );
  app.post(
    '/plan/plans/:id/counter-plans',
    { schema: { tags, summary: "An enterprise council's counter-plan (its members): the capacity it really has", params: s.IdParams, body: s.CounterBody, response: { 201: Type.Object({ ids: Type.Array(s.Id) }), ...ProblemResponses } } },
    async (req, reply) => reply.code(201).send(await service.proposeCounterPlan(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/plan/plans/:id/counter-plans',
    { schema: { tags, summary: 'Plan and counter-plans side by side (planning office)', params: s.IdParams, response: { 200: Type.Array(s.CounterView), ...ProblemResponses } } },
    async (req) => service.counterPlans(req.ctx, req.params.id),
  );
};

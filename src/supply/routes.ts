import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem, problem } from '../core/problem.js';
import { ProblemResponses } from '../core/problem-schema.js';
import * as district from './district.js';
import * as households from './households.js';
import * as periods from './periods.js';
import { recordPickup } from './pickups.js';
import { printRoutes } from './print-routes.js';
import { RATION_METHODS } from './ration/index.js';
import * as stock from './stock.js';
import { unmetNeed } from './unmet.js';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Member = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), birthDate: Day, needs: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })) },
  { additionalProperties: false },
);
const Household = Type.Object({
  id: Id,
  committeeId: Id,
  ref: Type.String(),
  zone: Type.String(),
  address: Type.String(),
  card: Type.Union([Type.String(), Type.Null()]),
  members: Type.Array(Type.Object({ id: Id, name: Type.String(), birthDate: Type.String(), needs: Type.Array(Type.String()) })),
  counts: Type.Unknown({ description: 'people, adults (14+), children (1–13), infants, bands, needs, special — on today' }),
  duplicatesFlagged: Type.Optional(Type.Integer()),
});
const GoodView = Type.Object({ id: Id, code: Type.String(), name: Type.String(), unit: Type.Enum(stock.UNITS), needRule: Type.Unknown() });
const PeriodView = Type.Object({ id: Id, name: Type.String(), starts: Type.String(), ends: Type.String(), goods: Type.Array(Id), status: Type.Enum(['open', 'closed'] as const) });
const tags = ['supply'];

export const supplyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(printRoutes);
  // household register files arrive as CSV
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 100 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.get('/supply/needs', { schema: { tags, summary: 'The special needs a household member may have', response: { 200: Type.Array(Type.String()), ...ProblemResponses } } }, async (req) =>
    households.specialNeeds(req.ctx.db),
  );

  app.post(
    '/supply/committees/:id/households',
    {
      schema: {
        tags,
        summary: 'Register a household in the committee (its supply officers); it gets a ration card',
        params: IdParams,
        body: Type.Object(
          { ref: Type.String({ minLength: 1, maxLength: 60 }), zone: Type.Optional(Type.String({ maxLength: 100 })), address: Type.Optional(Type.String({ maxLength: 300 })), members: Type.Array(Member, { minItems: 1, maxItems: 50 }) },
          { additionalProperties: false },
        ),
        response: { 201: Household, ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await households.registerHousehold(req.ctx, { committeeId: req.params.id, ...req.body })),
  );

  app.post(
    '/supply/committees/:id/households/import',
    {
      schema: {
        tags,
        summary: 'Import the household register file (text/csv; docs/formats.md). A file with errors writes nothing unless skipInvalid',
        params: IdParams,
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()), skipInvalid: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        body: Type.String({ description: 'the CSV file' }),
        response: {
          200: Type.Object({
            households: Type.Integer(),
            members: Type.Integer(),
            skipped: Type.Integer(),
            duplicates: Type.Integer(),
            dryRun: Type.Boolean(),
            written: Type.Boolean(),
            errors: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), reason: Type.String() })),
          }),
          ...ProblemResponses,
        },
      },
    },
    async (req, reply) => {
      const report = await households.importHouseholds(req.ctx, { committeeId: req.params.id, text: req.body, dryRun: req.query.dryRun ?? false, skipInvalid: req.query.skipInvalid ?? false });
      // a refused file is a bad request that names every bad line and field
      if (report.errors.length && !report.written && !report.dryRun)
        throw new Problem(
          'invalid',
          'bad_file',
          `${report.skipped} line${report.skipped === 1 ? ' has' : 's have'} errors; nothing was written (fix them, or send skipInvalid=true to import the good households)`,
          report.errors.slice(0, 1000).map((e) => ({ field: `lines/${e.line}/${e.field}`, reason: e.reason })),
        );
      return reply.code(200).send(report);
    },
  );

  app.get(
    '/supply/committees/:id/households',
    {
      schema: {
        tags,
        summary: 'Find households of the committee by card code (as typed or scanned) or by name',
        params: IdParams,
        querystring: Type.Object({ card: Type.Optional(Type.String({ maxLength: 40 })), name: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
        response: { 200: Type.Array(Household), ...ProblemResponses },
      },
    },
    async (req) => households.findHouseholds(req.ctx, req.params.id, req.query),
  );

  app.get('/supply/households/:id', { schema: { tags, summary: 'A household (officers of its committee)', params: IdParams, response: { 200: Household, ...ProblemResponses } } }, async (req) =>
    households.getHousehold(req.ctx, req.params.id),
  );

  app.post(
    '/supply/households/:id/move',
    { schema: { tags, summary: 'Move a household to another committee; its history is kept', params: IdParams, body: Type.Object({ toCommittee: Id }, { additionalProperties: false }), response: { 200: Household, ...ProblemResponses } } },
    async (req) => households.moveHousehold(req.ctx, req.params.id, req.body.toCommittee),
  );

  app.post(
    '/supply/households/:id/card',
    { schema: { tags, summary: 'Revoke the card and issue a new one (lost or forged)', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 201: Type.Object({ card: Type.String() }), ...ProblemResponses } } },
    async (req, reply) => reply.code(201).send(await households.reissueCard(req.ctx, req.params.id)),
  );

  app.get(
    '/supply/committees/:id/duplicates',
    { schema: { tags, summary: 'Possible duplicates (same person in two households) for an officer to resolve', params: IdParams, response: { 200: Type.Array(Type.Unknown()), ...ProblemResponses } } },
    async (req) => households.openDuplicates(req.ctx, req.params.id),
  );

  app.post(
    '/supply/duplicates/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a duplicate flag: two different people, or the same person leaves one household',
        params: IdParams,
        body: Type.Object({ resolution: Type.Enum(['distinct', 'remove_member', 'remove_other'] as const) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Id, resolution: Type.String() }), ...ProblemResponses },
      },
    },
    async (req) => households.resolveDuplicate(req.ctx, req.params.id, req.body.resolution),
  );

  app.get('/supply/goods', { schema: { tags, summary: 'The rationed goods', response: { 200: Type.Array(GoodView), ...ProblemResponses } } }, async (req) => stock.listGoods(req.ctx.db));

  app.post(
    '/supply/goods',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Add a good (administrators)',
        body: Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 41 }),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            unit: Type.String(),
            needRule: Type.Unknown({ description: '{"kind":"equivalent_adult","perAdult":n} | {"kind":"per_child","perChild":n} | {"kind":"per_infant","perInfant":n}' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: GoodView, ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await stock.createGood(req.ctx, req.body)),
  );

  app.post(
    '/supply/committees/:id/stock',
    {
      schema: {
        tags,
        summary: 'Record a delivery, transfer, loss or physical count (officers); stock never goes below zero',
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Enum(['delivery', 'transfer', 'loss', 'count'] as const),
            good: Type.String({ minLength: 1, maxLength: 41 }),
            quantity: Type.Integer(),
            toCommittee: Type.Optional(Id),
            reason: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ moved: Type.Integer(), balance: Type.Integer(), difference: Type.Optional(Type.Integer()) }), ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await stock.recordStockMove(req.ctx, { committeeId: req.params.id, ...req.body })),
  );

  app.get(
    '/supply/committees/:id/stock',
    { schema: { tags, summary: "The committee's stock ledger by good, and whether it balances", params: IdParams, response: { 200: Type.Array(Type.Unknown()), ...ProblemResponses } } },
    async (req) => stock.stockOf(req.ctx, req.params.id),
  );

  app.put(
    '/supply/committees/:id/policy',
    {
      schema: {
        tags,
        summary: 'How the committee shares under shortage, and how many days after a period households may still collect',
        params: IdParams,
        body: Type.Object({ method: Type.Optional(Type.Enum(RATION_METHODS)), graceDays: Type.Optional(Type.Integer()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ method: Type.String(), graceDays: Type.Integer() }), ...ProblemResponses },
      },
    },
    async (req) => periods.setPolicy(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/supply/periods',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Open a ration period (administrators); periods do not overlap',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), starts: Day, ends: Day, goods: Type.Array(Type.String(), { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
        response: { 201: PeriodView, ...ProblemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await periods.createPeriod(req.ctx, req.body)),
  );

  app.get(
    '/supply/periods/current',
    {
      schema: {
        tags,
        summary: 'The open period that contains a day (default today)',
        querystring: Type.Object({ day: Type.Optional(Day) }, { additionalProperties: false }),
        response: { 200: PeriodView, ...ProblemResponses },
      },
    },
    async (req) => {
      const day = req.query.day ?? req.ctx.clock.now().toISOString().slice(0, 10);
      const p = await periods.periodOn(req.ctx.db, day);
      if (!p) throw problem.notFound('day', `no open ration period on ${day}`, 'no_period');
      return p;
    },
  );

  app.get(
    '/supply/committees/:id/dashboard',
    {
      schema: {
        tags,
        summary: "The committee's dashboard for a period: stock, need, rations, collected and unmet per good; the day's pickups",
        params: IdParams,
        querystring: Type.Object({ periodId: Id, day: Type.Optional(Day) }, { additionalProperties: false }),
        response: { 200: Type.Unknown(), ...ProblemResponses },
      },
    },
    async (req) => periods.committeeDashboard(req.ctx, req.params.id, req.query.periodId, req.query.day ?? req.ctx.clock.now().toISOString().slice(0, 10)),
  );

  app.get('/supply/periods/:id', { schema: { tags, summary: 'A ration period', params: IdParams, response: { 200: PeriodView, ...ProblemResponses } } }, async (req) => periods.getPeriod(req.ctx.db, req.params.id));

  app.post(
    '/supply/periods/:id/rations',
    {
      schema: {
        tags,
        summary: "Compute the period's rations: for one committee (its officers) or all (administrators)",
        params: IdParams,
        body: Type.Object({ committeeId: Type.Optional(Id), seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })) }, { additionalProperties: false }),
        response: { 200: Type.Unknown(), ...ProblemResponses },
      },
    },
    async (req) => periods.computeRations(req.ctx, { periodId: req.params.id, ...req.body }),
  );

  app.post(
    '/supply/periods/:id/close',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Close a period; what was not collected stays in stock', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Type.Unknown(), ...ProblemResponses } } },
    async (req) => periods.closePeriod(req.ctx, req.params.id),
  );

  app.get(
    '/supply/periods/:id/households/:household',
    {
      schema: {
        tags,
        summary: "A household's entitlement in the period: need, ration, collected, left per good",
        params: Type.Object({ id: Id, household: Id }, { additionalProperties: false }),
        response: { 200: Type.Array(Type.Object({ good: Type.String(), need: Type.Integer(), ration: Type.Integer(), collected: Type.Integer(), left: Type.Integer() })), ...ProblemResponses },
      },
    },
    async (req) => {
      await households.getHousehold(req.ctx, req.params.household); // officers of its committee only
      return (await periods.entitlementOf(req.ctx.db, req.params.id, req.params.household)) ?? [];
    },
  );

  app.get(
    '/supply/periods/:id/unmet',
    {
      schema: {
        tags,
        summary: 'Need, allocation and unmet need per good, for each committee and every body above it',
        params: IdParams,
        querystring: Type.Object({ bodyId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Array(Type.Unknown()), ...ProblemResponses },
      },
    },
    async (req) => unmetNeed(req.ctx.db, req.params.id, req.query.bodyId),
  );

  app.get(
    '/supply/mine',
    {
      schema: {
        tags,
        summary: 'The supply committees and districts where I hold a supply office (administrators: every committee)',
        response: { 200: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: Type.String(), offices: Type.Array(Type.String()) })), ...ProblemResponses },
      },
    },
    async (req) => district.bodiesIRun(req.ctx),
  );

  app.post(
    '/supply/districts/:id/deliveries',
    {
      schema: {
        tags,
        summary: "Share a delivery among the supply committees under a district by their households' needs (administrators, the district's officers)",
        params: IdParams,
        body: Type.Object(
          {
            good: Type.String({ minLength: 1, maxLength: 41 }),
            quantity: Type.Integer(),
            periodId: Id,
            method: Type.Optional(Type.Enum(RATION_METHODS)),
            seed: Type.Optional(Type.Integer()),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Id,
            districtId: Id,
            good: Type.String(),
            unit: Type.String(),
            quantity: Type.Integer(),
            method: Type.String(),
            seed: Type.Integer(),
            delivered: Type.Integer(),
            undistributed: Type.Integer(),
            committees: Type.Array(Type.Object({ committeeId: Id, name: Type.String(), households: Type.Integer(), need: Type.Integer(), share: Type.Integer() })),
          }),
          ...ProblemResponses,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await district.deliverToDistrict(req.ctx, { districtId: req.params.id, ...req.body })),
  );

  app.post(
    '/supply/pickups',
    {
      schema: {
        tags,
        summary: "Record a pickup (the committee's officers). The id is made by the client: sending it again never records twice",
        body: Type.Object(
          {
            id: Id,
            card: Type.String({ minLength: 1, maxLength: 40 }),
            point: Type.String({ maxLength: 100 }),
            lines: Type.Array(Type.Object({ good: Type.String({ minLength: 1, maxLength: 41 }), quantity: Type.Integer() }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
            at: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Id, householdId: Id, periodId: Id, lines: Type.Array(Type.Object({ good: Type.String(), quantity: Type.Integer(), left: Type.Integer() })), at: Type.String(), replay: Type.Boolean() }),
          ...ProblemResponses,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await recordPickup(req.ctx, req.body)),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problem } from '../core/problem.js';
import { ProblemResponses } from '../core/problem-schema.js';
import { acknowledgeAlert, actOnAlert, getAlert, listAlerts } from './alerts.js';
import { parseReportsCsv } from './check-reports.js';
import { bindDevice, createIndicator, listIndicators } from './indicators.js';
import { ingestReports, seriesOf } from './reports.js';
import { ActBody, AlertsQuery, AlertView, DeviceBody, DeviceView, IdParams, IndicatorBody, IndicatorView, IngestView, ReportsBody, SeriesQuery, SeriesView } from './schemas.js';

const tags = ['monitor'];

export const monitorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.post(
    '/monitor/enterprises/:id/indicators',
    { schema: { tags, summary: "Add an indicator to an enterprise (its officers, or admins)", params: IdParams, body: IndicatorBody, response: { 201: IndicatorView, ...ProblemResponses } } },
    async (req, reply) => reply.code(201).send(await createIndicator(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/monitor/enterprises/:id/indicators',
    { schema: { tags, summary: "An enterprise's indicators", params: IdParams, response: { 200: Type.Array(IndicatorView), ...ProblemResponses } } },
    async (req) => listIndicators(req.ctx.db, req.params.id),
  );
  app.post(
    '/monitor/enterprises/:id/devices',
    { schema: { tags, summary: 'Bind a bearer token of scope "report" to the enterprise whose reports it sends', params: IdParams, body: DeviceBody, response: { 201: DeviceView, ...ProblemResponses } } },
    async (req, reply) => reply.code(201).send(await bindDevice(req.ctx, req.params.id, req.body.tokenId)),
  );
  app.post(
    '/monitor/enterprises/:id/reports',
    {
      config: { scope: 'report' },
      schema: {
        tags,
        summary: "Report indicator values for days (a device bound to the enterprise, or its officers); a batch is stored whole or not at all",
        params: IdParams,
        body: ReportsBody,
        response: { 200: IngestView, ...ProblemResponses },
      },
    },
    async (req) => ingestReports(req.ctx, req.params.id, req.body.reports),
  );
  app.post(
    '/monitor/enterprises/:id/reports/csv',
    {
      config: { scope: 'report' },
      schema: {
        tags,
        summary: 'Report values as a CSV file (header indicator,day,value); errors name the line',
        params: IdParams,
        body: Type.String({ description: 'text/csv' }),
        response: { 200: IngestView, ...ProblemResponses },
      },
    },
    async (req) => {
      const { reports, errors, lines } = parseReportsCsv(req.body);
      if (errors.length) throw problem.invalidMany(errors);
      if (!reports.length) throw problem.invalid('line 2', 'the file has no reports');
      return ingestReports(req.ctx, req.params.id, reports, (i, field) => `line ${lines[i]}/${field}`);
    },
  );
  app.get(
    '/monitor/indicators/:id/series',
    { schema: { tags, summary: "A series' reports, plan values and the filter's last forecast band", params: IdParams, querystring: SeriesQuery, response: { 200: SeriesView, ...ProblemResponses } } },
    async (req) => seriesOf(req.ctx, req.params.id, req.query.from, req.query.to),
  );
  app.get(
    '/monitor/alerts',
    { schema: { tags, summary: 'Alerts at a body or about an enterprise (live ones unless all=true)', querystring: AlertsQuery, response: { 200: Type.Array(AlertView), ...ProblemResponses } } },
    async (req) => listAlerts(req.ctx.db, { ...(req.query.body ? { bodyId: req.query.body } : {}), ...(req.query.enterprise ? { enterpriseId: req.query.enterprise } : {}), ...(req.query.all ? { all: true } : {}) }),
  );
  app.get('/monitor/alerts/:id', { schema: { tags, summary: 'An alert with its escalation ladder', params: IdParams, response: { 200: AlertView, ...ProblemResponses } } }, async (req) =>
    getAlert(req.ctx.db, req.params.id),
  );
  app.post(
    '/monitor/alerts/:id/acknowledge',
    { schema: { tags, summary: 'A member of the body the alert is at has seen it (the deadline still runs)', params: IdParams, body: Type.Object({}, { additionalProperties: false }), response: { 200: AlertView, ...ProblemResponses } } },
    async (req) => acknowledgeAlert(req.ctx, req.params.id),
  );
  app.post(
    '/monitor/alerts/:id/act',
    { schema: { tags, summary: 'A member of the body the alert is at records what was done; the alert closes', params: IdParams, body: ActBody, response: { 200: AlertView, ...ProblemResponses } } },
    async (req) => actOnAlert(req.ctx, req.params.id, req.body.note),
  );
};

import { Type } from 'typebox';
import { ALERT_KINDS, INDICATOR_KINDS } from './model.js';

const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (UTC day)' });

export const IndicatorBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 61 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum(INDICATOR_KINDS),
    unit: Type.String({ minLength: 1, maxLength: 40 }),
    product: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export const IndicatorView = Type.Object({
  id: Id,
  enterpriseId: Id,
  code: Type.String(),
  name: Type.String(),
  kind: Type.Enum(INDICATOR_KINDS),
  unit: Type.String(),
  product: Type.Union([Type.String(), Type.Null()]),
});
export const DeviceBody = Type.Object({ tokenId: Id }, { additionalProperties: false });
export const DeviceView = Type.Object({ tokenId: Id, enterpriseId: Id });

const Report = Type.Object({ indicator: Type.String({ minLength: 1, maxLength: 61 }), day: Type.String({ maxLength: 20 }), value: Type.Number() }, { additionalProperties: false });
export const ReportsBody = Type.Object({ reports: Type.Array(Report, { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false });
export const IngestView = Type.Object({ stored: Type.Integer(), replayed: Type.Integer(), late: Type.Integer(), alertsOpened: Type.Integer() });

export const SeriesQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false });
export const SeriesView = Type.Object({
  indicatorId: Id,
  points: Type.Array(Type.Object({ day: Type.String(), value: Type.Number(), plan: Type.Union([Type.Number(), Type.Null()]), filtered: Type.Boolean() })),
  last: Type.Union([Type.Object({ day: Type.String(), forecast: Type.Number(), lower: Type.Number(), upper: Type.Number(), changeProbability: Type.Number() }), Type.Null()]),
});

export const AlertsQuery = Type.Object({ body: Type.Optional(Id), enterprise: Type.Optional(Id), all: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const AlertView = Type.Object({
  id: Id,
  enterpriseId: Id,
  indicatorId: Type.Union([Id, Type.Null()]),
  kind: Type.Enum(ALERT_KINDS),
  day: Type.String(),
  detail: Type.Unknown({ description: 'change: type, probability, value, forecast band; fulfilment: value, plan, tolerance; late: lastReported' }),
  atBodyId: Id,
  level: Type.Integer({ description: '0 at the workers’ council, +1 per step up' }),
  status: Type.Enum(['open', 'acknowledged', 'acted'] as const),
  openedAt: Type.String(),
  deadline: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  steps: Type.Array(Type.Object({ level: Type.Integer(), bodyId: Id, at: Type.String(), deadline: Type.Union([Type.String(), Type.Null()]) })),
});
export const ActBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

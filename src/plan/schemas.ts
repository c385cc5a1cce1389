/** TypeBox schemas of the plan's routes: the route contract and the input types. */
import { Type } from 'typebox';
import { DEMAND_SOURCES, VARIANT_METHODS } from './model.js';

export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const Code = Type.String({ minLength: 1, maxLength: 200 });
const Num = Type.Number();
const NumOrNull = Type.Union([Type.Number(), Type.Null()]);

export const ImportQuery = Type.Object(
  {
    bodyId: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const ImportSummary = Type.Object({
  modelId: Type.Union([Id, Type.Null()]),
  sectors: Type.Integer(),
  flows: Type.Integer(),
  hasLabour: Type.Boolean(),
  reproduction: Num,
  dryRun: Type.Boolean(),
});

const Inputs = Type.Record(Type.String(), Num);
export const ModelView = Type.Object({
  id: Id,
  bodyId: Id,
  name: Type.String(),
  products: Type.Array(Type.Object({ code: Type.String(), idx: Type.Integer(), name: Type.String(), unit: Type.String(), sector: Type.String(), inputs: Inputs, labour: Num })),
  enterprises: Type.Array(
    Type.Object({
      bodyId: Id,
      name: Type.String(),
      regionId: Type.Union([Id, Type.Null()]),
      workforce: Type.Integer(),
      techniques: Type.Array(Type.Object({ id: Id, product: Type.String(), inputs: Inputs, labour: Num, capacity: NumOrNull })),
    }),
  ),
});

export const EnterpriseBody = Type.Object(
  {
    bodyId: Id,
    regionId: Type.Optional(Id),
    workforce: Type.Integer({ minimum: 0 }),
    techniques: Type.Array(
      Type.Object(
        { product: Code, capacity: Type.Number({ minimum: 0 }), labour: Type.Optional(Type.Number({ minimum: 0 })), inputs: Type.Optional(Inputs) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
export const EnterpriseView = Type.Object({ bodyId: Id, techniques: Type.Array(Type.Object({ id: Id, product: Type.String(), capacity: NumOrNull, labour: Num })) });

export const GoodsBody = Type.Array(Type.Object({ good: Code, product: Code, perUnit: Type.Number({ exclusiveMinimum: 0 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 10_000 });

const DemandSourceSchema = Type.Enum(DEMAND_SOURCES);
export const DemandRowView = Type.Object({ id: Id, product: Type.String(), source: DemandSourceSchema, amount: Num, note: Type.String() });
export const DemandBody = Type.Array(
  Type.Object({ product: Code, source: Type.Enum(['assembly', 'reserve', 'investment', 'export'] as const), amount: Num, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
  { minItems: 1, maxItems: 100_000 },
);
export const SupplyDemandBody = Type.Object({ periodId: Id }, { additionalProperties: false });

const Extra = Type.Array(Type.Object({ product: Code, amount: Num }, { additionalProperties: false }), { maxItems: 100_000 });
export const VariantBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    method: Type.Optional(Type.Enum(VARIANT_METHODS)),
    scale: Type.Optional(Type.Record(Type.String(), Type.Number({ minimum: 0 }))),
    extra: Type.Optional(Extra),
  },
  { additionalProperties: false },
);
const Line = Type.Object({ product: Type.String(), finalDemand: Num, output: Num, labour: Num, capacity: NumOrNull, slack: NumOrNull, shortfall: Num });
const ResultFields = {
  method: Type.Enum(VARIANT_METHODS),
  solver: Type.String(),
  products: Type.Array(Line),
  totalLabour: Num,
  shortfalls: Type.Array(Type.String()),
};
export const VariantView = Type.Object({ id: Id, name: Type.String(), spec: Type.Unknown(), ...ResultFields });
export const Comparison = Type.Object({
  products: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), unit: Type.String(), sector: Type.String() })),
  variants: Type.Array(VariantView),
});

export const VoteBody = Type.Object(
  {
    bodyId: Id,
    variantIds: Type.Array(Id, { minItems: 2, maxItems: 50 }),
    month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
    kind: Type.Optional(Type.Enum(['choice', 'ranking'] as const)),
    days: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 60 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const VoteView = Type.Object({ motionId: Id, options: Type.Array(Type.String()), closesAt: Type.String() });

export const PlanView = Type.Object({
  id: Id,
  modelId: Id,
  version: Type.Integer(),
  variantId: Id,
  motionId: Id,
  month: Type.String(),
  adoptedAt: Type.String(),
  ...ResultFields,
  targets: Type.Array(Type.Object({ enterpriseId: Id, enterprise: Type.String(), product: Type.String(), monthly: Num })),
});
export const PlanList = Type.Array(Type.Object({ id: Id, version: Type.Integer(), month: Type.String(), adoptedAt: Type.String() }));

export const TargetsQuery = Type.Object({ day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }, { additionalProperties: false });
export const TargetView = Type.Object({ planId: Id, version: Type.Integer(), enterpriseId: Id, product: Type.String(), unit: Type.String(), month: Type.String(), monthly: Num, daily: Num });

export const CounterBody = Type.Object(
  {
    enterpriseId: Id,
    items: Type.Array(Type.Object({ product: Code, capacity: Type.Number({ minimum: 0 }), reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false },
);
export const CounterView = Type.Object({
  id: Id,
  enterpriseId: Id,
  enterprise: Type.String(),
  product: Type.String(),
  target: Num,
  counterCapacity: Num,
  gap: Num,
  reason: Type.String(),
  proposedAt: Type.String(),
});

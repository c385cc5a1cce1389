import { Type, type Static } from 'typebox';
import { SCOPES } from './model.js';

export const PersonView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: Type.String(),
    isAdmin: Type.Boolean(),
  },
  { $id: 'Person' },
);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 63 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionView = Type.Object({
  person: PersonView,
  csrfToken: Type.String({ description: 'Send as the X-CSRF-Token header on every write made with the session cookie.' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const NewPersonBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 63 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 1024 })),
    isAdmin: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewPersonBody = Static<typeof NewPersonBody>;

export const PasswordBody = Type.Object(
  {
    newPassword: Type.String({ minLength: 8, maxLength: 1024 }),
    currentPassword: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const ScopeSchema = Type.Enum(SCOPES);

export const NewTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: SCOPES.length, uniqueItems: true }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    personId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type NewTokenBody = Static<typeof NewTokenBody>;

const DateOrNull = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const TokenView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: DateOrNull,
  revokedAt: DateOrNull,
  lastUsedAt: DateOrNull,
});

export const CreatedToken = Type.Object({
  token: Type.String({ description: 'The bearer secret. Shown once; only its hash is kept.' }),
  info: TokenView,
});

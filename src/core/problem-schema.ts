import { Type } from 'typebox';

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemBody = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable machine-readable code' }),
    errors: Type.Array(Type.Object({ field: Type.String(), reason: Type.String(), max: Type.Optional(Type.Number({ description: 'the most this field may be, when it is too much' })) })),
    instance: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** The error responses any route may give, for its OpenAPI description. */
export const ProblemResponses = {
  '4xx': ProblemBody,
  '5xx': ProblemBody,
} as const;

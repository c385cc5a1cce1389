/**
 * The closed set of error kinds every layer speaks. A `Problem` carries a stable
 * machine `code`, the field it concerns and a human `detail`; the HTTP server maps
 * it to an RFC 9457 problem body and the CLI to an exit code, each in one place.
 */

export type ProblemKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

/** One field-level error: `field` is a JSON-pointer-like path (`body/password`) or a name. */
export interface FieldError {
  field: string;
  reason: string;
  /** The most this field may be, when the reason is that it is too much (e.g. what is left of a ration). */
  max?: number;
}

export const statusOfKind: Readonly<Record<ProblemKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

const titleOfKind: Readonly<Record<ProblemKind, string>> = {
  invalid: 'Invalid input',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  too_large: 'Too large',
  rate_limited: 'Too many requests',
  unavailable: 'Unavailable',
};

/** CLI exit codes (documented in README): 0 ok, 1 failure, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export class Problem extends Error {
  readonly kind: ProblemKind;
  readonly code: string;
  readonly errors: readonly FieldError[];
  /** Seconds after which a rate-limited or unavailable request may be retried. */
  readonly retryAfter?: number;

  constructor(
    kind: ProblemKind,
    code: string,
    detail: string,
    errors: readonly FieldError[] = [],
    retryAfter?: number,
  ) {
    super(detail);
    this.name = 'Problem';
    this.kind = kind;
    this.code = code;
    this.errors = errors;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }

  get status(): number {
    return statusOfKind[this.kind];
  }

  get title(): string {
    return titleOfKind[this.kind];
  }

  /** Exit code for the CLI: bad input of any kind is 2, everything else 1. */
  get exitCode(): number {
    return this.kind === 'invalid' || this.kind === 'too_large' ? EXIT_BAD_INPUT : EXIT_FAILURE;
  }
}

/** Constructors, one per kind, so call sites read as the rule they enforce. */
export const problem = {
  invalid(field: string, reason: string, code = 'invalid'): Problem {
    return new Problem('invalid', code, `${field}: ${reason}`, [{ field, reason }]);
  },
  invalidMany(errors: readonly FieldError[], code = 'invalid'): Problem {
    const detail = errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
    return new Problem('invalid', code, detail, errors);
  },
  unauthenticated(reason: string, code = 'unauthenticated'): Problem {
    return new Problem('unauthenticated', code, reason);
  },
  forbidden(reason: string, code = 'forbidden'): Problem {
    return new Problem('forbidden', code, reason);
  },
  notFound(field: string, reason: string, code = 'not_found'): Problem {
    return new Problem('not_found', code, reason, [{ field, reason }]);
  },
  conflict(field: string, reason: string, code = 'conflict'): Problem {
    return new Problem('conflict', code, `${field}: ${reason}`, [{ field, reason }]);
  },
  tooLarge(field: string, reason: string, code = 'too_large'): Problem {
    return new Problem('too_large', code, `${field}: ${reason}`, [{ field, reason }]);
  },
  rateLimited(reason: string, retryAfter: number, code = 'rate_limited'): Problem {
    return new Problem('rate_limited', code, reason, [], retryAfter);
  },
  unavailable(reason: string, code = 'unavailable'): Problem {
    return new Problem('unavailable', code, reason);
  },
};

export function isProblem(e: unknown): e is Problem {
  return e instanceof Problem;
}

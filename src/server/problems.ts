import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { Problem, problem, type FieldError } from '../core/problem.js';
import { sqlState } from '../db/db.js';
import { fieldErrors } from './validation.js';

/** The problem `type` URI: a page of the docs per code. */
const typeUri = (code: string) => `https://cordon.coop/problems/${code}`;

export function problemBody(p: Problem, instance?: string) {
  return {
    type: typeUri(p.code),
    title: p.title,
    status: p.status,
    detail: p.message,
    code: p.code,
    errors: [...p.errors],
    ...(instance ? { instance } : {}),
  };
}

/** Maps a database error to a problem by SQLSTATE — never by message text. */
export function fromDatabase(e: unknown): Problem | undefined {
  const state = sqlState(e);
  if (!state) return lostDatabase(e);
  const d = e as { constraint?: string; constraint_name?: string; column?: string; column_name?: string };
  const constraint = d.constraint ?? d.constraint_name ?? '';
  const field = d.column ?? d.column_name ?? constraint.replace(/^[a-z]+_/, '').replace(/_(key|check|fkey|idx)$/, '');
  switch (state) {
    case '23505':
      return problem.conflict(field || 'unique', 'already exists', 'duplicate');
    case '23503':
      return problem.invalid(field || 'reference', 'refers to something that does not exist', 'bad_reference');
    case '23514':
      // the database's own guarantee behind a check the code makes first
      if (constraint === 'stock_balance_quantity_check') return problem.conflict('quantity', 'not enough stock: a balance would go below zero', 'insufficient_stock');
      return problem.invalid(field || 'value', `breaks the rule ${constraint || 'of the schema'}`, 'constraint');
    case '23502':
      return problem.invalid(field || 'value', `breaks the rule ${constraint || 'of the schema'}`, 'constraint');
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return problem.invalid(field || 'value', 'is not in the expected form', 'bad_value');
    case '55000': // a rule of state raised by our own triggers: the constraint is the code
      return problem.conflict(field || 'state', (e as Error).message, constraint || 'wrong_state');
    case '40001':
    case '40P01':
      return new Problem('unavailable', 'retry', 'the database was busy with a conflicting change; retry the request', [], 1);
    case '25006': // read_only_sql_transaction: we reached a standby (a failover is under way)
    case '57P01': // admin_shutdown
    case '57P02': // crash_shutdown
    case '57P03': // cannot_connect_now (starting up, or being promoted)
      return DB_UNAVAILABLE();
    default:
      if (state.startsWith('08')) return DB_UNAVAILABLE(); // connection_exception

      return undefined;
  }
}

const DB_UNAVAILABLE = () =>
  new Problem('unavailable', 'db_unavailable', 'the database is unreachable or changing over to a standby; nothing was written by this request unless a retry says so — retry it', [], 1);

/** The connection to the database was lost or refused (postgres.js and Node name these by
 *  code): the request may be retried, as a retry with its idempotency key is safe. */
const LOST_CONNECTION = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
function lostDatabase(e: unknown): Problem | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && LOST_CONNECTION.has(code) ? DB_UNAVAILABLE() : undefined;
}

const FASTIFY_PROBLEMS: Record<string, (e: FastifyError) => Problem> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => problem.tooLarge('body', 'is larger than this server accepts', 'body_too_large'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (e) =>
    new Problem('invalid', 'unsupported_media_type', e.message, [{ field: 'content-type', reason: 'send application/json' }]),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => problem.invalid('body', 'is empty but the content type says JSON', 'malformed_json'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => problem.invalid('content-length', 'does not match the body', 'bad_length'),
  FST_ERR_CTP_INVALID_JSON_BODY: (e) => problem.invalid('body', `is not valid JSON (${e.message})`, 'malformed_json'),
};

export function toProblem(err: unknown): Problem | undefined {
  if (err instanceof Problem) return err;
  const fe = err as FastifyError & { validation?: ErrorObject[]; validationContext?: string };
  if (fe.validation) {
    const errors: FieldError[] = fieldErrors(fe.validationContext ?? 'body', fe.validation);
    return problem.invalidMany(errors, 'validation');
  }
  if (fe.code && FASTIFY_PROBLEMS[fe.code]) return FASTIFY_PROBLEMS[fe.code]!(fe);
  if (err instanceof SyntaxError && fe.statusCode === 400) return problem.invalid('body', `is not valid JSON (${err.message})`, 'malformed_json');
  if (fe.statusCode === 415) return new Problem('invalid', 'unsupported_media_type', fe.message, [{ field: 'content-type', reason: 'send application/json' }]);
  return fromDatabase(err);
}

/** The one place errors become HTTP responses. */
export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const p = toProblem(err);
  if (!p) {
    req.log.error({ err }, 'unexpected error');
    return reply
      .code(500)
      .type('application/problem+json')
      .send({ type: typeUri('internal'), title: 'Internal error', status: 500, detail: 'something went wrong on our side; it has been logged', code: 'internal', errors: [] });
  }
  if (p.status >= 500) req.log.warn({ code: p.code }, p.message);
  // 415 keeps its own status even though it is bad input
  const status = p.code === 'unsupported_media_type' ? 415 : p.status;
  if (p.retryAfter !== undefined) reply.header('retry-after', String(p.retryAfter));
  return reply.code(status).type('application/problem+json').send({ ...problemBody(p, req.url), status });
}

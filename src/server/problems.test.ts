import { describe, expect, test } from 'vitest';
import { Problem, problem } from '../core/problem.js';
import { fromDatabase, problemBody, toProblem } from './problems.js';

describe('problem mapping', () => {
  test('database errors map by SQLSTATE, never by message', () => {
    const dup = fromDatabase({ code: '23505', constraint: 'person_username_key', message: 'anything at all' });
    expect(dup).toMatchObject({ kind: 'conflict', code: 'duplicate', errors: [{ field: 'username' }] });
    expect(fromDatabase({ code: '23503', constraint: 'membership_body_id_fkey' })).toMatchObject({ kind: 'invalid', code: 'bad_reference' });
    expect(fromDatabase({ code: '40001' })).toMatchObject({ kind: 'unavailable', code: 'retry', retryAfter: 1 });
    expect(fromDatabase({ code: '42P01', message: 'duplicate key value violates unique constraint' })).toBeUndefined();
    expect(fromDatabase(new Error('no code'))).toBeUndefined();
  });

  test('a lost or read-only database is a 503 to retry, not an internal error', () => {
    for (const e of [{ code: '25006' }, { code: '57P01' }, { code: '08006' }, { code: 'CONNECTION_CLOSED' }, { code: 'ECONNREFUSED' }])
      expect(fromDatabase(e)).toMatchObject({ kind: 'unavailable', code: 'db_unavailable', retryAfter: 1 });
    expect(fromDatabase({ code: 'ENOENT' })).toBeUndefined();
  });

  test('a problem becomes an RFC 9457 body', () => {
    const body = problemBody(problem.invalid('quantity', 'exceeds what is left (3)'), '/x');
    expect(body).toEqual({
      type: 'https://cordon.coop/problems/invalid',
      title: 'Invalid input',
      status: 400,
      detail: 'quantity: exceeds what is left (3)',
      code: 'invalid',
      errors: [{ field: 'quantity', reason: 'exceeds what is left (3)' }],
      instance: '/x',
    });
  });

  test('unknown errors are not problems (they become a generic 500)', () => {
    expect(toProblem(new TypeError('x is undefined'))).toBeUndefined();
    expect(toProblem(new Problem('forbidden', 'f', 'no'))).toBeInstanceOf(Problem);
  });
});

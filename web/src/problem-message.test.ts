import { describe, expect, test } from 'vitest';
import { ApiError } from './api.js';
import { translate, type MessageKey, type MessageParams } from './i18n.js';
import { describeError, fieldErrors } from './problem-message.js';

const es = (key: MessageKey, params?: MessageParams) => translate('es', key, params);

describe('describeError', () => {
  test('a failed connection, a server fault and a refusal each say what happened', () => {
    expect(describeError(new ApiError(0, {}), es)).toMatch(/No se pudo conectar/);
    expect(describeError(new ApiError(503, { detail: 'db down' }), es)).toMatch(/El servidor tuvo un problema/);
    expect(describeError(new ApiError(403, {}), es)).toBe('No tienes permiso para hacer esto.');
  });

  test('a rate limit says how long to wait, in seconds or minutes', () => {
    expect(describeError(new ApiError(429, {}), es)).toBe('Demasiados intentos. Espera un momento y vuelve a intentarlo.');
    expect(describeError(new ApiError(429, {}, 30), es)).toBe('Demasiados intentos. Vuelve a intentarlo en 30 segundos.');
    expect(describeError(new ApiError(429, {}, 900), es)).toBe('Demasiados intentos. Vuelve a intentarlo en 15 minutos.');
  });
});

describe('describeError for the councils', () => {
  test('a refusal with a known code names its reason, in Spanish and in English', () => {
    expect(describeError(new ApiError(409, { code: 'already_voted' }), es)).toMatch(/Ya votaste/);
    expect(describeError(new ApiError(409, { code: 'outside_window' }), es)).toMatch(/fuera de plazo/);
    expect(describeError(new ApiError(403, { code: 'not_member' }), es)).toMatch(/No eres miembro/);
    expect(describeError(new ApiError(409, { code: 'already_voted' }), (k, p) => translate('en', k, p))).toMatch(/already voted/);
  });

  test('a vote held by an open amendment, and an amendment moved too late, say so', () => {
    expect(describeError(new ApiError(409, { code: 'amendments_pending' }), (k, p) => translate('en', k, p))).toBe('An amendment is open; the vote starts when it is settled.');
    expect(describeError(new ApiError(409, { code: 'voting_started' }), es)).toMatch(/ya no se puede enmendar/);
  });

  test('an unknown code falls back to what the status says', () => {
    expect(describeError(new ApiError(403, { code: 'something_new' }), es)).toBe('No tienes permiso para hacer esto.');
    expect(describeError(new ApiError(404, { code: 'toString' }), es)).toMatch(/No existe/);
  });
});

describe('ApiError', () => {
  test('keeps the problem body and drops malformed field errors', () => {
    const e = new ApiError(400, {
      title: 'Invalid input', detail: 'body/password: too short', code: 'invalid',
      errors: [{ field: 'body/password', reason: 'too short' }, { nonsense: true } as never],
    });
    expect(e.message).toBe('body/password: too short');
    expect(e.code).toBe('invalid');
    expect(e.errors).toEqual([{ field: 'body/password', reason: 'too short' }]);
  });
});

describe('fieldErrors', () => {
  test('each error beside its field, in our words when the form has them; the rest as lines', () => {
    const e = new ApiError(400, {
      code: 'invalid',
      errors: [
        { field: 'body/options/1', reason: 'must NOT have fewer than 1 characters' },
        { field: 'days', reason: 'an amendment must be settled before the motion closes' },
        { field: 'amends', reason: 'must be an open motion of the same body' },
      ],
    });
    expect(fieldErrors(e, ['options', 'days'] as const, { days: 'Como máximo 2 días.' })).toEqual({
      fields: { options: 'must NOT have fewer than 1 characters', days: 'Como máximo 2 días.' },
      other: ['amends: must be an open motion of the same body'],
    });
  });
});

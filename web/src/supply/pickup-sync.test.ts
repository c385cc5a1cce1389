import { describe, expect, test } from 'vitest';
import { ApiError } from '../api.js';
import { syncOutcome } from './pickup-sync.js';

describe('syncOutcome', () => {
  test('what the moment causes is retried; what the pickup causes needs attention', () => {
    for (const status of [0, 401, 408, 429, 500, 503]) expect(syncOutcome(new ApiError(status, {})), String(status)).toBe('retry');
    expect(syncOutcome(new ApiError(403, { code: 'csrf' }))).toBe('retry');
    for (const code of ['beyond_entitlement', 'revoked_card', 'pickup_id_reused', 'insufficient_stock', 'no_period'])
      expect(syncOutcome(new ApiError(409, { code })), code).toBe('refused');
    expect(syncOutcome(new ApiError(403, { code: 'not_officer' }))).toBe('refused');
    expect(syncOutcome(new ApiError(404, { code: 'unknown_card' }))).toBe('refused');
  });
});

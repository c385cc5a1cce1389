import { describe, expect, test } from 'vitest';
import { attemptFor, MAX_DELIVERY, outcomeUnknown, percentOf, readQuantity, sharesTable } from './district-delivery.js';

describe('readQuantity', () => {
  test('whole units ≥ 1, spaces around allowed', () => {
    expect(readQuantity('250000')).toEqual({ quantity: 250000 });
    expect(readQuantity(' 7 ')).toEqual({ quantity: 7 });
    expect(readQuantity(String(MAX_DELIVERY))).toEqual({ quantity: MAX_DELIVERY });
  });

  test('nothing, zero, signs, fractions and separators are refused, never guessed', () => {
    expect(readQuantity('  ')).toEqual({ problem: 'empty' });
    for (const text of ['0', '-5', '+5', '2.5', '1.000', '1,000', '1 000', '1e6', 'diez'])
      expect(readQuantity(text), text).toEqual({ problem: 'whole' });
    expect(readQuantity(String(MAX_DELIVERY + 1))).toEqual({ problem: 'tooLarge' });
  });
});

describe('sharesTable', () => {
  const committee = (committeeId: string, name: string, households: number, need: number, share: number) => ({ committeeId, name, households, need, share });

  test('rows by name, each share as a part of its need; totals add up', () => {
    const t = sharesTable(
      {
        committees: [committee('c3', 'JAP Sur', 2, 2000, 1200), committee('c1', 'JAP Norte', 3, 3800, 2300), committee('c2', 'JAP Centro', 0, 0, 0), committee('c4', 'JAP 10', 1, 500, 500)],
        delivered: 4000,
        undistributed: 0,
      },
      'es',
    );
    expect(t.rows.map((r) => r.name)).toEqual(['JAP 10', 'JAP Centro', 'JAP Norte', 'JAP Sur']);
    expect(t.rows.map((r) => r.ofNeed)).toEqual([1, null, 2300 / 3800, 0.6]);
    expect(t.rows.map((r) => r.unmet)).toEqual([0, 0, 1500, 800]);
    expect(t).toMatchObject({ households: 6, need: 6300, delivered: 4000, undistributed: 0, unmet: 2300 });
    expect(t.need - t.unmet).toBe(t.delivered);
  });

  test('more than is needed: every need met, the rest undistributed', () => {
    const t = sharesTable({ committees: [committee('c1', 'JAP Norte', 3, 3800, 3800)], delivered: 3800, undistributed: 1200 }, 'en');
    expect(t.rows[0]).toMatchObject({ ofNeed: 1, unmet: 0 });
    expect(t).toMatchObject({ delivered: 3800, undistributed: 1200, unmet: 0 });
  });
});

describe('percentOf', () => {
  test('rounds, but a shortfall never reads 100 % and a share never reads 0 %', () => {
    expect(percentOf(0.605)).toBe(61);
    expect(percentOf(1)).toBe(100);
    expect(percentOf(0.999)).toBe(99);
    expect(percentOf(0.001)).toBe(1);
    expect(percentOf(0)).toBe(0);
  });
});

describe('idempotency keys', () => {
  const input = { good: 'flour', quantity: 5000, periodId: 'p1', method: 'maxmin' as const };
  let n = 0;
  const newKey = () => `k${++n}`;

  test('the same input keeps the pending key, whatever the order of its fields; changed input gets a new one', () => {
    const first = attemptFor(null, input, newKey);
    expect(attemptFor(first, { method: 'maxmin', periodId: 'p1', quantity: 5000, good: 'flour' }, newKey)).toBe(first);
    const changed = attemptFor(first, { ...input, quantity: 5001 }, newKey);
    expect(changed.key).not.toBe(first.key);
    expect(attemptFor(null, input, newKey).key).not.toBe(first.key);
  });

  test('the key is kept only while the outcome is unknown', () => {
    expect(outcomeUnknown({ status: 0, code: 'network' })).toBe(true);
    expect(outcomeUnknown({ status: 503, code: 'http_503' })).toBe(true);
    expect(outcomeUnknown({ status: 409, code: 'idempotency_in_progress' })).toBe(true);
    expect(outcomeUnknown({ status: 400, code: 'validation' })).toBe(false);
    expect(outcomeUnknown({ status: 403, code: 'not_officer' })).toBe(false);
  });
});

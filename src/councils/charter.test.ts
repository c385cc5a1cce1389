import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CHARTER, parseCharter, recallThreshold, seatCount } from './charter.js';

describe('charter', () => {
  test('defaults: one delegate, equal votes, recall by an absolute majority', () => {
    expect(parseCharter({})).toEqual(DEFAULT_CHARTER);
    expect(recallThreshold(DEFAULT_CHARTER, 10)).toBe(6);
    expect(recallThreshold(DEFAULT_CHARTER, 9)).toBe(5);
    expect(recallThreshold(DEFAULT_CHARTER, 1)).toBe(1);
    // found by the property below: 35% of 658,260 is exactly 230,391, so it takes 230,392
    expect(recallThreshold({ ...DEFAULT_CHARTER, recallShare: 0.35 }, 658_260)).toBe(230_392);
  });

  test('the recall threshold is the smallest number that is more than the share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }), (members, pct) => {
        const t = recallThreshold({ ...DEFAULT_CHARTER, recallShare: pct / 100 }, members);
        expect(t * 100).toBeGreaterThan(members * pct);
        expect((t - 1) * 100).toBeLessThanOrEqual(members * pct);
      }),
    );
  });

  test('monitor: defaults 0.9 tolerance and 24 hours; each field checked by name', () => {
    expect(parseCharter({}).monitor).toEqual({ tolerance: 0.9, deadlineHours: 24 });
    expect(parseCharter({ monitor: { deadlineHours: 4 } }).monitor).toEqual({ tolerance: 0.9, deadlineHours: 4 });
    expect(() => parseCharter({ monitor: { tolerance: 1.5, deadlineHours: 0.5, speed: 1 } })).toThrow(
      /charter\/monitor\/speed: is not a monitor field; charter\/monitor\/tolerance: must be a share from 0 to 1; charter\/monitor\/deadlineHours: must be a whole number of hours/,
    );
    expect(() => parseCharter({ monitor: 3 })).toThrow(/charter\/monitor: must be/);
  });

  test('seats: fixed, or one per N members (at least one)', () => {
    expect(seatCount(parseCharter({ delegates: { fixed: 3 } }), 100)).toBe(3);
    expect(seatCount(parseCharter({ delegates: { perMembers: 250 } }), 1001)).toBe(5);
    expect(seatCount(parseCharter({ delegates: { perMembers: 250 } }), 0)).toBe(1);
  });

  test('bad charters name each field', () => {
    expect(() => parseCharter({ delegates: { fixed: 0 }, recallShare: 1.5, colour: 'red' })).toThrow(
      expect.objectContaining({
        errors: [
          { field: 'charter/colour', reason: 'is not a charter field' },
          { field: 'charter/delegates', reason: 'must be {"fixed": n} or {"perMembers": n} with n a whole number ≥ 1' },
          { field: 'charter/recallShare', reason: 'must be a share from 0 up to (not including) 1' },
        ],
      }),
    );
    expect(() => parseCharter('{}')).toThrow(/must be an object/);
  });

  test('secrecy: members in secret, delegates by name, unless the charter says otherwise', () => {
    expect(parseCharter({}).secrecy).toEqual({ members: 'secret', delegates: 'roll_call' });
    expect(parseCharter({ secrecy: { delegates: 'secret' } }).secrecy).toEqual({ members: 'secret', delegates: 'secret' });
    expect(() => parseCharter({ secrecy: { members: 'open' } })).toThrow(
      expect.objectContaining({ errors: [{ field: 'charter/secrecy', reason: 'must be {"members": "secret"|"roll_call", "delegates": "secret"|"roll_call"}' }] }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EntitlementLine } from './api.js';
import { afterPickup, leftAfterQueue, linesToSend, refusalsByGood } from './pickup-lines.js';

const line = (good: string, ration: number, collected: number): EntitlementLine => ({ good, need: ration + 100, ration, collected, left: ration - collected });
const flourMilk = [line('flour', 1000, 200), line('milk', 2000, 0)];

const entitlementArb = fc.array(fc.tuple(fc.nat(5000), fc.nat(5000)), { minLength: 1, maxLength: 4 })
  .map((rows) => rows.map(([a, b], i) => line(`g${i}`, Math.max(a, b), Math.min(a, b))));
const queuedArb = (goods: number) => fc.array(fc.array(fc.record({ good: fc.nat(goods - 1).map((i) => `g${i}`), quantity: fc.integer({ min: 1, max: 3000 }) }), { maxLength: 3 }), { maxLength: 4 });

describe('leftAfterQueue', () => {
  test('never below zero, never above the ration, and collected + left = ration', () => {
    fc.assert(fc.property(entitlementArb.chain((e) => fc.tuple(fc.constant(e), queuedArb(e.length))), ([e, queued]) => {
      for (const l of leftAfterQueue(e, queued)) {
        expect(l.left).toBeGreaterThanOrEqual(0);
        expect(l.collected + l.left).toBe(l.ration);
      }
    }));
  });

  test('two queued pickups of flour count together', () => {
    const after = leftAfterQueue(flourMilk, [[{ good: 'flour', quantity: 300 }], [{ good: 'flour', quantity: 100 }, { good: 'milk', quantity: 500 }]]);
    expect(after.map((l) => [l.good, l.left])).toEqual([['flour', 400], ['milk', 1500]]);
  });
});

describe('afterPickup', () => {
  test('takes what is left from the server’s answer, per good recorded', () => {
    expect(afterPickup(flourMilk, [{ good: 'milk', left: 1200 }])).toEqual([flourMilk[0], { ...flourMilk[1], left: 1200, collected: 800 }]);
  });
});

describe('linesToSend', () => {
  test('sends the goods with a quantity, skips empty and zero, refuses what is not whole or is beyond what is left', () => {
    expect(linesToSend(flourMilk, { flour: '800', milk: '0' })).toEqual({ lines: [{ good: 'flour', quantity: 800 }], problems: {} });
    expect(linesToSend(flourMilk, { flour: ' 8 00 ', milk: '' })).toEqual({ lines: [{ good: 'flour', quantity: 800 }], problems: {} });
    expect(linesToSend(flourMilk, { flour: '801', milk: '1.5' }).problems).toEqual({ flour: { kind: 'beyond', left: 800 }, milk: { kind: 'whole' } });
    expect(linesToSend(flourMilk, { flour: '1.000' }).problems).toEqual({ flour: { kind: 'whole' } });
  });
});

describe('refusalsByGood', () => {
  test('names the good of each refused line and what the server says is left', () => {
    const sent = [{ good: 'flour', quantity: 800 }, { good: 'milk', quantity: 900 }];
    expect(refusalsByGood(sent, [{ field: 'lines/1/quantity', reason: "only 300 left of this household's ration of milk" }, { field: 'card', reason: 'x' }])).toEqual({
      milk: { reason: "only 300 left of this household's ration of milk", left: 300 },
    });
    // the server's number wins over the wording
    expect(refusalsByGood(sent, [{ field: 'lines/0/quantity', reason: 'no queda tanto', max: 120 }]).flour).toEqual({ reason: 'no queda tanto', left: 120 });
    expect(refusalsByGood(sent, [{ field: 'lines/0/good', reason: '"flour" is not rationed in this period' }]).flour).toEqual({ reason: '"flour" is not rationed in this period', left: null });
  });
});

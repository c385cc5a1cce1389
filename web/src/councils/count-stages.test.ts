import { expect, test } from 'vitest';
import type { CountStage } from './api.js';
import { formatVotes, hasLoss, hasQuota, newAt } from './count-stages.js';

test('votes are written in the language’s own way, up to five decimals', () => {
  expect(formatVotes('es', 1234.5)).toBe('1.234,5');
  expect(formatVotes('en', 1234.5)).toBe('1,234.5');
  expect(formatVotes('es', 2 / 3)).toBe('0,66667');
  expect(formatVotes('en', 3)).toBe('3');
});

const stage = (elected: string[], excluded: string[], loss?: number): CountStage =>
  ({ stage: 1, action: { type: 'first' }, votes: {}, transfers: {}, exhausted: 0, quota: 2, elected, excluded, ...(loss === undefined ? {} : { loss }) });

test('what is new at a stage, whether the lists are cumulative or not', () => {
  const result = { stages: [stage(['a'], []), stage(['a'], ['c']), stage(['a', 'b'], ['c'])] };
  expect(newAt(result, 0, 'elected')).toEqual(['a']);
  expect(newAt(result, 1, 'elected')).toEqual([]);
  expect(newAt(result, 1, 'excluded')).toEqual(['c']);
  expect(newAt(result, 2, 'elected')).toEqual(['b']);
  expect(hasLoss(result.stages)).toBe(false);
  expect(hasLoss([stage([], [], 0.00001)])).toBe(true);
  expect(hasQuota({ quota: 0, stages: [] })).toBe(false);
  expect(hasQuota({ quota: 2, stages: [] })).toBe(true);
});

import { expect, test } from 'vitest';
import { phaseOf } from './phase.js';

test('an open election is open until it closes, then waits for its count', () => {
  const closesAt = '2026-09-11T08:00:00Z';
  const at = (iso: string) => Date.parse(iso);
  expect(phaseOf({ status: 'open', closesAt }, at('2026-09-04T08:00:00Z'))).toBe('voting');
  expect(phaseOf({ status: 'open', closesAt }, at('2026-09-11T08:00:00Z'))).toBe('closed');
  expect(phaseOf({ status: 'nominating', closesAt: null }, at('2026-09-04T08:00:00Z'))).toBe('nominating');
  expect(phaseOf({ status: 'counted', closesAt }, at('2026-09-04T08:00:00Z'))).toBe('counted');
});

import { expect, test } from 'vitest';
import { amendmentDaysLeft, amendmentPending, amendmentState, mayAmend } from './amendment.js';

const DAY = 86_400_000;
const now = Date.parse('2030-01-01T00:00:00Z');
const closesIn = (days: number) => new Date(now + days * DAY).toISOString();

test('an amendment is open, then adopted (applied) or rejected', () => {
  expect(amendmentState({ status: 'open', appliedAt: null })).toBe('open');
  expect(amendmentState({ status: 'closed', appliedAt: '2030-01-02T00:00:00Z' })).toBe('adopted');
  expect(amendmentState({ status: 'closed', appliedAt: null })).toBe('rejected');
});

test('an open amendment holds the vote; closed ones do not', () => {
  const a = { id: 'a', title: 'A', text: 'x', closesAt: closesIn(1), appliedAt: null, replacedText: null };
  expect(amendmentPending({ amendments: [{ ...a, status: 'closed' }, { ...a, status: 'open' }] })).toBe(true);
  expect(amendmentPending({ amendments: [{ ...a, status: 'closed' }] })).toBe(false);
  expect(amendmentPending({})).toBe(false);
});

test('an amendment runs whole days and closes no later than the motion', () => {
  expect(amendmentDaysLeft(closesIn(3), now)).toBe(3);
  expect(amendmentDaysLeft(closesIn(2.9), now)).toBe(2);
  expect(amendmentDaysLeft(closesIn(0.5), now)).toBe(0);
  expect(amendmentDaysLeft(closesIn(-1), now)).toBe(0);
  expect(amendmentDaysLeft(closesIn(1000), now)).toBe(365);
});

test('what can be amended: open, a day left, no vote seen, not an amendment or an office', () => {
  const m = { status: 'open' as const, closesAt: closesIn(3), amends: null, grantsOffice: null, rollCall: [] };
  expect(mayAmend(m, now)).toBe(true);
  expect(mayAmend({ ...m, closesAt: closesIn(0.9) }, now)).toBe(false);
  expect(mayAmend({ ...m, status: 'closed' }, now)).toBe(false);
  expect(mayAmend({ ...m, amends: 'other' }, now)).toBe(false);
  expect(mayAmend({ ...m, grantsOffice: { title: 'chair', personId: 'p' } }, now)).toBe(false);
  expect(mayAmend({ ...m, rollCall: [{ personId: 'p', displayName: 'P', weight: 100, choice: 0 }] }, now)).toBe(false);
});

/**
 * Amendments, as the motion page needs them. As in any assembly an amendment is settled
 * before the question is put: while one is open the motion takes no votes, once the
 * motion has a vote no amendment can be moved, and an amendment must close no later
 * than the motion it amends. Adopted, its text replaces the motion's.
 */
import type { Amendment, Motion } from './api.js';

const DAY = 86_400_000;

export type AmendmentState = 'open' | 'adopted' | 'rejected';

/** Open while it is voted on; then adopted (its text applied) or rejected. */
export function amendmentState(a: Pick<Amendment, 'status' | 'appliedAt'>): AmendmentState {
  if (a.status === 'open') return 'open';
  return a.appliedAt ? 'adopted' : 'rejected';
}

/** An open amendment holds the vote on the motion. */
export const amendmentPending = (motion: Pick<Motion, 'amendments'>): boolean =>
  (motion.amendments ?? []).some((a) => a.status === 'open');

/** The most whole days an amendment moved `now` may run: it must close by the motion's close. */
export function amendmentDaysLeft(closesAt: string, now: number): number {
  return Math.min(365, Math.max(0, Math.floor((Date.parse(closesAt) - now) / DAY)));
}

/**
 * Whether the page offers to amend the motion: an open motion with at least a day left
 * that is neither an amendment nor an election to office, and without a vote the page
 * can see (a secret vote's are not shown: the server refuses with `voting_started`).
 */
export function mayAmend(motion: Pick<Motion, 'status' | 'closesAt' | 'amends' | 'grantsOffice' | 'rollCall'>, now: number): boolean {
  return motion.status === 'open' && !motion.amends && !motion.grantsOffice
    && (motion.rollCall ?? []).length === 0 && amendmentDaysLeft(motion.closesAt, now) >= 1;
}

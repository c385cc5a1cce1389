/** Where an election stands for the person looking at it. Pure. */
import type { Election } from './api.js';

export type Phase = 'nominating' | 'voting' | 'closed' | 'counted';

/**
 * An open election is `closed` (waiting for its count) once `now` passes its closing
 * time. The server opens a vote at its own "now", so a ballot is never hidden because
 * this device's clock runs behind the server's; the server still refuses a ballot cast
 * outside the window.
 */
export function phaseOf(e: Pick<Election, 'status' | 'closesAt'>, now: number): Phase {
  if (e.status !== 'open') return e.status;
  return e.closesAt && now >= Date.parse(e.closesAt) ? 'closed' : 'voting';
}

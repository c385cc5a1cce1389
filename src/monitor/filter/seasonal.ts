/**
 * Seasonal effects learned on line, one per phase of a cycle (the weekday of a daily
 * series, the time of day of an hourly one). The effect of a phase is the running mean of
 * how far its values lie above the mean of the cycle before them (a trailing mean over
 * the last `phases` values), so no look-ahead is needed and each update is O(1).
 */
import type { Season } from './model.js';

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** The most phases a cycle may have (a week of 5-minute values has 2,016). */
export const MAX_PHASES = 4032;
/** After this many visits a phase's effect moves by 1/LEARN_VISITS of each new deviation. */
const LEARN_VISITS = 10;

export function newSeason(cycleMs: number, stepMs: number): Season | null {
  const phases = Math.round(cycleMs / stepMs);
  if (phases < 2 || phases > MAX_PHASES) return null;
  return { cycleMs, phases, effect: new Array(phases).fill(0), seen: new Array(phases).fill(0), ring: new Array(phases).fill(0), ringSum: 0, ringCount: 0, residualSum: 0, residualCount: 0 };
}

/** The phase of time `t` (ms since the epoch): a weekday for a weekly cycle of days, an hour for a daily cycle of hours. */
export function phaseOf(s: Season, t: number): number {
  const into = ((t % s.cycleMs) + s.cycleMs) % s.cycleMs;
  return Math.min(s.phases - 1, Math.floor((into * s.phases) / s.cycleMs));
}

/** The effect to take off a value at time `t`. */
export function effectAt(s: Season, t: number): number {
  return s.effect[phaseOf(s, t)]!;
}

/** Learns from value `y` at time `t`; `usual` is false for a value the filter thinks an outlier or a change, which teaches nothing about the season. */
export function learnSeason(s: Season, t: number, y: number, usual: boolean): void {
  const k = phaseOf(s, t);
  if (usual && s.ringCount >= s.phases) {
    const deviation = y - s.ringSum / s.phases;
    if (s.seen[k]! > 0) {
      s.residualSum += (deviation - s.effect[k]!) ** 2;
      s.residualCount++;
    }
    s.seen[k]! += 1;
    s.effect[k]! += (deviation - s.effect[k]!) / Math.min(s.seen[k]!, LEARN_VISITS);
  }
  const slot = s.ringCount % s.phases;
  s.ringSum += y - (s.ringCount >= s.phases ? s.ring[slot]! : 0);
  s.ring[slot] = y;
  s.ringCount = s.ringCount >= 2 * s.phases ? s.phases + ((s.ringCount + 1) % s.phases) : s.ringCount + 1;
  if (slot === s.phases - 1) s.ringSum = s.ring.reduce((a, b) => a + b, 0); // no drift from rounding
}

/** True once the effects have been learned and tried on a whole cycle of values. */
export function seasonReady(s: Season): boolean {
  return s.residualCount >= s.phases;
}

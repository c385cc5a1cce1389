/**
 * Seasonal effects learned on line, one per phase of a cycle (the weekday of a daily
 * series, the time of day of an hourly one). The effect of a phase is the running mean of
 * how far its values lie above the mean of the cycle before them (a trailing mean over
 * the last `phases` values), so no look-ahead is needed and each update is O(1).
 */
import type { Season } from './model.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** The most phases a cycle may have (a week of 5-minute values has 2,016). */
export const MAX_PHASES = 4032;
/** After this many visits a phase's effect moves by 1/LEARN_VISITS of each new deviation. */
const LEARN_VISITS = 10;
/** Huber's constant: deviations are clipped at this many residual standard deviations. */
const HUBER = 3;

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

/**
 * Learns from value `y` at time `t`. Every value teaches, but robustly (Huber's M-estimate of
 * each phase's location, learned by stochastic approximation): a deviation counts at most
 * HUBER residual standard deviations, so one outlier moves its phase a little, while a spike
 * that recurs at the same phase (a job run every hour) becomes that phase's effect in a few
 * dozen cycles, instead of being called an outlier for ever.
 */
export function learnSeason(s: Season, t: number, y: number): void {
  const k = phaseOf(s, t);
  if (s.ringCount >= s.phases) {
    const deviation = y - s.ringSum / s.phases;
    let r = deviation - s.effect[k]!;
    if (s.seen[k]! > 0) {
      const limit = s.residualCount > 0 ? HUBER * Math.sqrt(s.residualSum / s.residualCount) : Infinity;
      r = Math.max(-limit, Math.min(limit, r));
      s.residualSum += r * r;
      s.residualCount++;
    }
    s.seen[k]! += 1;
    s.effect[k]! += r / Math.min(s.seen[k]!, LEARN_VISITS);
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

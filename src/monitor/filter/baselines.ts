/**
 * Two baselines the change filter is measured against, with the same incremental shape
 * (a JSON-able state, one O(1) update per value, each change flagged once).
 *
 * - EWMA control chart (Roberts 1959; Montgomery, "Introduction to Statistical Quality
 *   Control", §9.2): the mean and standard deviation are estimated from a reference run of
 *   `reference` values; z = λ·y + (1 − λ)·z is charted against μ ± L·σ·√(λ/(2 − λ)). A signal
 *   is a change; the chart then starts a new reference run (the usual recalibration).
 *   λ = 0.2 and L = 3 are the textbook pair.
 * - Seasonal naive: the forecast is the value one season ago (a week for daily series, a
 *   day for sub-daily ones, else the last value); a change is a forecast error beyond k
 *   times its running root mean square (k = 4), flagged once until errors settle under 2×.
 */
import { DAY_MS, newSeason, phaseOf, WEEK_MS } from './seasonal.js';
import type { Season } from './model.js';

export interface BaselineUpdate {
  forecast: number;
  lower: number;
  upper: number;
  /** A change was flagged at this value. */
  change: boolean;
}

export interface EwmaState {
  lambda: number;
  limit: number;
  reference: number;
  /** Values in the current reference run, and their running mean and sum of squares (Welford). */
  count: number;
  mean: number;
  m2: number;
  z: number;
  sigma: number;
}

export function createEwma(options: { lambda?: number; limit?: number; reference?: number } = {}): EwmaState {
  return { lambda: options.lambda ?? 0.2, limit: options.limit ?? 3, reference: options.reference ?? 30, count: 0, mean: 0, m2: 0, z: 0, sigma: 0 };
}

export function updateEwma(s: EwmaState, y: number): BaselineUpdate {
  if (s.count < s.reference) {
    s.count++;
    const d = y - s.mean;
    s.mean += d / s.count;
    s.m2 += d * (y - s.mean);
    s.z = s.mean;
    s.sigma = s.count > 1 ? Math.sqrt(s.m2 / (s.count - 1)) : 0;
    return { forecast: s.mean, lower: Number.NaN, upper: Number.NaN, change: false };
  }
  const forecast = s.mean;
  s.z = s.lambda * y + (1 - s.lambda) * s.z;
  const half = s.limit * s.sigma * Math.sqrt(s.lambda / (2 - s.lambda));
  const change = Math.abs(s.z - s.mean) > half + 1e-12 * Math.abs(s.mean);
  if (change) {
    s.count = 0;
    s.mean = 0;
    s.m2 = 0;
  }
  return { forecast, lower: forecast - s.limit * s.sigma, upper: forecast + s.limit * s.sigma, change };
}

export interface SeasonalNaiveState {
  k: number;
  season: Season | null;
  stepMs: number;
  lastT: number;
  spacings: number[];
  /** Last value seen at each phase (a single slot without a season), and whether there is one. */
  last: number[];
  have: boolean[];
  /** Running mean square of forecast errors, and how many went in. */
  ms: number;
  errors: number;
  inChange: boolean;
}

export function createSeasonalNaive(options: { k?: number } = {}): SeasonalNaiveState {
  return { k: options.k ?? 4, season: null, stepMs: 0, lastT: 0, spacings: [], last: [0], have: [false], ms: 0, errors: 0, inChange: false };
}

/** Errors averaged before any change is flagged; afterwards the mean square forgets with weight 1/100. */
const SETTLE = 30;

export function updateSeasonalNaive(s: SeasonalNaiveState, y: number, t: number): BaselineUpdate {
  if (s.stepMs === 0) {
    if (s.have[0]) s.spacings.push(t - s.lastT);
    if (s.spacings.length === 8) {
      s.stepMs = Math.max(1, [...s.spacings].sort((a, b) => a - b)[4]!);
      const cycle = s.stepMs < DAY_MS / 2 ? DAY_MS : s.stepMs < 1.5 * DAY_MS ? WEEK_MS : 0;
      s.season = cycle ? newSeason(cycle, s.stepMs) : null;
      if (s.season) {
        s.last = new Array(s.season.phases).fill(0);
        s.have = new Array(s.season.phases).fill(false);
      }
    }
  }
  s.lastT = t;
  const slot = s.season ? phaseOf(s.season, t) : 0;
  const forecast = s.have[slot] ? s.last[slot]! : y;
  const known = s.have[slot]!;
  s.last[slot] = y;
  s.have[slot] = true;
  if (!known) return { forecast: Number.NaN, lower: Number.NaN, upper: Number.NaN, change: false };
  const e = y - forecast;
  const rms = Math.sqrt(s.ms);
  const ready = s.errors >= SETTLE;
  let change = false;
  if (ready && Math.abs(e) > s.k * rms + 1e-12 * Math.abs(forecast)) {
    change = !s.inChange;
    s.inChange = true;
  } else {
    if (Math.abs(e) <= 2 * rms) s.inChange = false;
    s.errors++;
    s.ms += (e * e - s.ms) / Math.min(s.errors, 100);
  }
  return { forecast, lower: forecast - s.k * rms, upper: forecast + s.k * rms, change };
}

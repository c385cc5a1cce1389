/**
 * Types and constants of the change filter. Everything in a `FilterState` is plain
 * numbers and arrays, so the state of a series survives `JSON.stringify`/`JSON.parse`
 * and the server can keep one per series between reports.
 */

import type { Tails } from './tails.js';

/** The states of the multi-process model, in the order of every array below. */
export const STATES = ['steady', 'outlier', 'step', 'slope'] as const;
export type State = (typeof STATES)[number];
/** A change the filter reports: a lasting jump in level, a change of trend, or one odd value. */
export type ChangeType = Exclude<State, 'steady'>;
export const CHANGE_TYPES: readonly ChangeType[] = ['step', 'slope', 'outlier'];

export type Probabilities = Record<State, number>;

/**
 * The multi-process model (Harrison & Stevens 1976; West & Harrison 1997, ch. 12), in units
 * of the observation variance V, which is learned on line. Each state j has a prior
 * probability `prior[j]`, an observation variance `obs[j]·V`, and extra evolution variance
 * `level[j]·V` on the level and `slope[j]·V` on the slope, added to the steady evolution
 * (discount factor `discount` on the level–slope block). The values are those of West &
 * Harrison's worked examples in spirit: outliers and steps as wide as 10 standard deviations.
 */
export interface ModelConstants {
  prior: readonly [number, number, number, number];
  obs: readonly [number, number, number, number];
  level: readonly [number, number, number, number];
  slope: readonly [number, number, number, number];
  /** Discount factor of the level and slope in the steady state (0 < δ ≤ 1). */
  discount: number;
  /** Discount factor of the observation variance's degrees of freedom: memory of about 1/(1−δ) values. */
  varianceDiscount: number;
}

export const DEFAULT_MODEL: ModelConstants = {
  prior: [0.95, 0.03, 0.015, 0.005],
  obs: [1, 100, 1, 1],
  level: [0, 0, 100, 0],
  slope: [0, 0, 0, 4],
  discount: 0.98,
  varianceDiscount: 0.99,
};

export type SeasonOption = 'auto' | 'none' | 'day' | 'week';

export interface FilterOptions {
  /** A change is flagged when the probability that the previous value was not steady reaches this. */
  threshold: number;
  /** No change is flagged before this many values have been seen. */
  warmup: number;
  /**
   * Seasonal cycles to try: `auto` tries none, the day (sub-daily series) and the week
   * (daily series: weekday effects; sub-daily series up to 4,032 values a week) and
   * weighs them by how well each forecasts; `none`, `day` or `week` fix it.
   */
  season: SeasonOption;
  /**
   * After a flag, no new flag for this long (ms): one alert per series per incident, and a
   * council is not asked twice in a day about the same series.
   */
  refractoryMs: number;
  model: ModelConstants;
}

export const DEFAULT_OPTIONS: FilterOptions = { threshold: 0.9, warmup: 10, season: 'auto', refractoryMs: 4 * 3_600_000, model: DEFAULT_MODEL };

/** One component of the mixture: the posterior given that state at the last step. */
export interface Component {
  /** Level and slope. */
  m: [number, number];
  /** Covariance [c00, c01, c11] in the units of the series squared. */
  c: [number, number, number];
  /** Estimate of the observation variance V. */
  s: number;
}

/** A seasonal cycle learned on line: `phases` bins of `binMs`, starting at `offsetMs` past the epoch. */
export interface Season {
  cycleMs: number;
  phases: number;
  /** Seasonal effect per phase (0 until learned). */
  effect: number[];
  /** Times each phase's effect was learned. */
  seen: number[];
  /** The last `phases` values (ring) and their sum: the trailing mean the effects are measured from. */
  ring: number[];
  ringSum: number;
  ringCount: number;
  /** Sum and count of squared deviations from the learned effects: the variance the variant starts from. */
  residualSum: number;
  residualCount: number;
}

/** One model of the series: the multi-process filter on the values less a seasonal effect (or none). */
export interface Variant {
  season: Season | null;
  /** False while a seasonal variant is still learning its effects: it takes no part yet. */
  active: boolean;
  /** Probability of each state at the last step. */
  p: [number, number, number, number];
  comps: [Component, Component, Component, Component];
  /** Degrees of freedom of the variance estimate. */
  n: number;
  /** Log-weights of the noise's degrees of freedom over `TAIL_GRID` (tails.ts), less the best. */
  tail: Tails;
  /** Log of the (discounted) predictive likelihood so far, less that of the best variant. */
  logWeight: number;
}

export interface FilterState {
  version: 2;
  options: FilterOptions;
  /** Values seen. */
  count: number;
  /** Time of the last value (ms), and the first few spacings, to find the series' interval. */
  lastT: number;
  spacings: number[];
  /** The series' typical spacing (ms) once known, else 0. */
  stepMs: number;
  variants: Variant[];
  /** True while the last flagged change is still unfolding (no new flag until it settles). */
  inChange: boolean;
  /** Time (ms) of the value with which the last change was flagged, or null. */
  lastFlagT: number | null;
}

export interface FilterUpdate {
  /** One-step forecast of this value, made before it was seen, and its 95% interval if nothing changes. */
  forecast: number;
  lower: number;
  upper: number;
  /** Posterior probability of each state for this value, given the values up to it. */
  probabilities: Probabilities;
  /** Posterior probability of each state for the previous value, given one more value (sharper). */
  previous: Probabilities;
  /**
   * A change that became credible with this value; it happened at the previous value.
   * `probability` is the posterior probability that the previous value was not steady
   * (at least the threshold); `type` is the likeliest kind of change.
   */
  change: { type: ChangeType; probability: number } | null;
}

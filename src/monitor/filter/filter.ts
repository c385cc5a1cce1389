/**
 * The change filter of a series: the multi-process model of `multiprocess.ts`, run on the
 * raw values and, where the series may have one, on the values less a daily or weekly
 * seasonal effect, the variants weighed by how well each has forecast so far (Bayesian
 * model averaging). Each new value costs O(1): at most three variants of 16 small Kalman
 * updates.
 *
 * A change is flagged once, when it becomes credible: when the probability that the
 * previous value was not steady reaches the threshold (one more value is what tells an
 * outlier from a step). No new change is flagged until that probability has fallen below
 * half the threshold again, so one change is not flagged at every value after it.
 */
import { CHANGE_TYPES, DEFAULT_OPTIONS, STATES, type FilterOptions, type FilterState, type FilterUpdate, type Probabilities, type Variant } from './model.js';
import { copyComponent, stepVariant, type StepResult } from './multiprocess.js';
import { copyTails, newTails } from './tails.js';
import { DAY_MS, effectAt, HOUR_MS, learnSeason, newSeason, seasonReady, WEEK_MS } from './seasonal.js';

/** Spacings looked at to find the series' interval (their median). */
const SPACINGS = 8;
/** Log-weights of variants are kept within this of the best (a variant never dies for good). */
const WEIGHT_SPAN = 60;
/** Degrees of freedom of the first variance guess. */
const PRIOR_WEIGHT = 1e-12;

export function createFilter(options: Partial<FilterOptions> = {}): FilterState {
  return {
    version: 2,
    options: { ...DEFAULT_OPTIONS, ...options },
    count: 0,
    lastT: 0,
    spacings: [],
    stepMs: 0,
    variants: [],
    inChange: false,
    lastFlagT: null,
  };
}

/** Smallest variance allowed: keeps a constant series finite without hiding real change. */
function varianceFloor(y: number, level: number): number {
  const scale = 1e-7 * (Math.abs(y) + Math.abs(level));
  return scale * scale + 1e-300;
}

/**
 * The prior before the second value: level at the first value, no slope, and a guess of
 * the variance (5% of the value) that counts as only 10⁻¹² of a value, so the series'
 * own differences set the scale at once.
 */
function firstVariant(y: number): Variant {
  const s = Math.max((0.05 * y) ** 2, 1e-200) || 1;
  const comp = { m: [y, 0] as [number, number], c: [s, 0, s] as [number, number, number], s };
  return { season: null, active: true, p: [1, 0, 0, 0], comps: [comp, copyComponent(comp), copyComponent(comp), copyComponent(comp)], n: PRIOR_WEIGHT, tail: newTails(), logWeight: 0 };
}

/** The seasonal variants worth trying for a series of this spacing. */
function seasonalVariants(state: FilterState, from: Variant): Variant[] {
  const { season } = state.options;
  if (season === 'none') return [];
  const step = state.stepMs;
  const cycles: number[] = [];
  // The hour of a series of a value every few minutes: machine metrics run jobs on the hour.
  if (season === 'auto' && step <= HOUR_MS / 4) cycles.push(HOUR_MS);
  if (step < DAY_MS / 2) {
    if (season !== 'week') cycles.push(DAY_MS);
    if (season !== 'day') cycles.push(WEEK_MS);
  } else if (step < 1.5 * DAY_MS && season !== 'day') cycles.push(WEEK_MS);
  const out: Variant[] = [];
  for (const cycle of cycles) {
    const s = newSeason(cycle, step);
    if (s) out.push({ ...from, season: s, active: false, p: [...from.p], comps: from.comps.map(copyComponent) as Variant['comps'], tail: copyTails(from.tail) });
  }
  return out;
}

/**
 * A seasonal variant joins once its effects are learned: it takes the level and slope of
 * the plain model, the variance of the values about the effects over the last cycle
 * (not the plain model's, swollen by the season itself), and the plain model's weight.
 */
function activate(v: Variant, plain: Variant, fixed: boolean, floor: number): void {
  const season = v.season!;
  const s = Math.max(season.residualSum / season.residualCount, floor);
  v.comps = plain.comps.map((c) => {
    const k = s / c.s;
    return { m: [c.m[0], c.m[1]], c: [c.c[0] * k, c.c[1] * k, c.c[2] * k], s };
  }) as Variant['comps'];
  v.p = [...plain.p];
  v.tail = copyTails(plain.tail);
  v.n = Math.min(season.residualCount, plain.n);
  v.logWeight = plain.logWeight;
  if (fixed) plain.logWeight = v.logWeight - WEIGHT_SPAN; // a season asked for: the plain model only as a fallback
  v.active = true;
}

/** 97.5% quantile of Student's t with `df` degrees of freedom (Cornish–Fisher expansion, fine for df ≥ 2). */
function t975(df: number): number {
  const z = 1.959964;
  const d = Math.max(df, 2);
  return z + (z ** 3 + z) / (4 * d) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * d * d) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * d ** 3);
}

function asProbabilities(p: readonly number[]): Probabilities {
  return { steady: p[0]!, outlier: p[1]!, step: p[2]!, slope: p[3]! };
}

/**
 * Takes the next value `y` at time `t` (ms; normally increasing, but a repeated or earlier
 * time from a clock change is taken as it comes) into the filter state (mutated)
 * and returns the forecast that had been made for it, the state probabilities, and a
 * change if one became credible. The first value has no forecast (NaN).
 */
export function updateFilter(state: FilterState, y: number, t: number): FilterUpdate {
  const { options } = state;
  if (state.count === 0) {
    state.variants = [firstVariant(y)];
    state.count = 1;
    state.lastT = t;
    const p = asProbabilities([1, 0, 0, 0]);
    return { forecast: Number.NaN, lower: Number.NaN, upper: Number.NaN, probabilities: p, previous: p, change: null };
  }
  if (state.stepMs === 0) {
    state.spacings.push(t - state.lastT);
    if (state.spacings.length === SPACINGS) {
      const sorted = [...state.spacings].sort((a, b) => a - b);
      state.stepMs = Math.max(1, sorted[SPACINGS >> 1]!);
      state.variants.push(...seasonalVariants(state, state.variants[0]!));
    }
  }
  state.lastT = t;

  const level = state.variants[0]!.comps[0]!.m[0];
  const floor = varianceFloor(y, level);
  for (const v of state.variants) if (!v.active && v.season && seasonReady(v.season)) activate(v, state.variants[0]!, options.season !== 'auto', floor);
  const vs = state.variants.filter((v) => v.active);
  let weightTotal = 0;
  for (const v of vs) weightTotal += Math.exp(v.logWeight);
  // The forecast mixes the variants by their weights before this value; the state
  // probabilities by their weights after it (posterior model averaging).
  let mean = 0;
  let second = 0;
  let df = 0;
  let bestLog = -Infinity;
  const results: StepResult[] = [];
  for (const v of state.variants) if (!v.active) learnSeason(v.season!, t, y);
  for (const v of vs) {
    const prior = Math.exp(v.logWeight) / weightTotal;
    const effect = v.season ? effectAt(v.season, t) : 0;
    const r = stepVariant(v, y - effect, options.model, floor, state.count <= options.warmup);
    const f = r.steadyMean + effect;
    mean += prior * f;
    second += prior * (r.steadyVariance + f * f);
    df = r.df;
    if (v.season) learnSeason(v.season, t, y);
    v.logWeight += r.logPredictive;
    bestLog = Math.max(bestLog, v.logWeight);
    results.push(r);
  }
  let postTotal = 0;
  for (const v of vs) postTotal += Math.exp(v.logWeight - bestLog);
  const now = [0, 0, 0, 0];
  const before = [0, 0, 0, 0];
  for (let k = 0; k < vs.length; k++) {
    const v = vs[k]!;
    const r = results[k]!;
    const w = Math.exp(v.logWeight - bestLog) / postTotal;
    for (let j = 0; j < 4; j++) {
      now[j]! += w * r.now[j]!;
      before[j]! += w * r.before[j]!;
    }
    v.logWeight = Math.max(v.logWeight - bestLog, -WEIGHT_SPAN);
  }

  const spread = Math.sqrt(Math.max(second - mean * mean, 0)) * t975(df);
  const index = state.count;
  state.count++;
  let change: FilterUpdate['change'] = null;
  const changed = 1 - before[0]!;
  const resting = state.lastFlagT !== null && t - state.lastFlagT < options.refractoryMs;
  if (index - 1 >= options.warmup && changed >= options.threshold && !state.inChange && !resting) {
    let type = CHANGE_TYPES[0]!;
    for (const c of CHANGE_TYPES) if (before[STATES.indexOf(c)]! > before[STATES.indexOf(type)]!) type = c;
    change = { type, probability: changed };
    state.inChange = true;
    state.lastFlagT = t;
  } else if (changed < options.threshold / 2) state.inChange = false;
  return { forecast: mean, lower: mean - spread, upper: mean + spread, probabilities: asProbabilities(now), previous: asProbabilities(before), change };
}

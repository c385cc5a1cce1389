/**
 * One step of the class II multi-process dynamic linear model (Harrison & Stevens 1976,
 * "Bayesian forecasting", JRSS B 38; West & Harrison 1997, "Bayesian Forecasting and
 * Dynamic Models", §12.3–12.4) on a linear-growth model
 *
 *     y_t = μ_t + ε_t,   μ_t = μ_{t−1} + β_{t−1} + δμ_t,   β_t = β_{t−1} + δβ_t
 *
 * with four states (steady, outlier, step, slope) that differ in the variances of ε, δμ
 * and δβ. The posterior after each value is a mixture over the state of the last two
 * steps (16 Kalman updates); it is collapsed back to one Gaussian per current state by
 * matching means and covariances (order-2 generalised pseudo-Bayes, as Harrison and
 * Stevens did), so each update costs the same however long the series. The observation
 * variance is unknown and learned with a discounted gamma prior, so forecasts are
 * Student-t. Working in logs keeps a 10⁶σ jump finite.
 */
import { logGamma } from './gamma.js';
import type { Component, ModelConstants, Variant } from './model.js';
import { inverseTail, learnTails } from './tails.js';

export interface StepResult {
  /** Log predictive density of the value under the whole mixture. */
  logPredictive: number;
  /** Mean and variance of the value's forecast if the series stays steady. */
  steadyMean: number;
  steadyVariance: number;
  /** Degrees of freedom of that forecast. */
  df: number;
  /** P(state at this value | values so far). */
  now: [number, number, number, number];
  /** P(state at the previous value | values so far). */
  before: [number, number, number, number];
}

const LOG_PI = Math.log(Math.PI);
const LEARNING_PRIOR = [1, 0, 0, 0] as const;

// Scratch space for the 16 branches (i = state before, j = state now), reused across calls.
const logW = new Float64Array(16);
const bm0 = new Float64Array(16);
const bm1 = new Float64Array(16);
const bc00 = new Float64Array(16);
const bc01 = new Float64Array(16);
const bc11 = new Float64Array(16);
const bs = new Float64Array(16);

/**
 * Updates `v` with the value `y` (already less any seasonal effect) and returns what the
 * flagging and the forecast need. `floor` is the smallest variance allowed (keeps a
 * constant series finite). Mutates `v`.
 */
export function stepVariant(v: Variant, y: number, model: ModelConstants, floor: number, learning = false): StepResult {
  const { obs, level, slope, discount, varianceDiscount } = model;
  // While learning (the first values) only the steady state is allowed: with a variance
  // known from a handful of values, any value could pass for an outlier, and the outlier
  // state would keep the variance from being learned.
  const prior = learning ? LEARNING_PRIOR : model.prior;
  const df = varianceDiscount * v.n;
  const nNext = df + 1;
  // Student-t noise of ν degrees of freedom (tails.ts) on top of the unknown variance: the
  // predictive is taken as a t whose precision mixes both, 1/ν' = 1/df + 1/ν (matching the
  // spread of the precision), and each value's weight in the updates is the conditional
  // mean of its precision, (ν + 1)/(ν + e²/Q) (West 1981): a spike moves little.
  const inv = learning ? 0 : inverseTail(v.tail);
  const dfT = 1 / (1 / df + inv);
  const tConst = logGamma((dfT + 1) / 2) - logGamma(dfT / 2) - 0.5 * (Math.log(dfT) + LOG_PI);
  let steadyMean = 0;
  let steadyVar = 0;
  let best = -Infinity;
  for (let i = 0; i < 4; i++) {
    const pi = v.p[i]!;
    const { m, c, s } = v.comps[i]!;
    // Evolution through G = [[1,1],[0,1]], discounted.
    const a0 = m[0] + m[1];
    const a1 = m[1];
    const p00 = (c[0] + 2 * c[1] + c[2]) / discount;
    const p01 = (c[1] + c[2]) / discount;
    const p11 = c[2] / discount;
    const e = y - a0;
    for (let j = 0; j < 4; j++) {
      const k = i * 4 + j;
      // A slope change enters at once (W&H's growth change, θ_t = G(θ_{t−1} + ω_t)): it moves
      // this value by as much as the slope, so the next value tells it from a step.
      const w = s * slope[j]!;
      const r00 = p00 + s * level[j]! + w;
      const r01 = p01 + w;
      const r11 = p11 + w;
      const q = r00 + s * obs[j]!;
      if (j === 0) {
        steadyMean += pi * a0;
        steadyVar += pi * (q + a0 * a0);
      }
      const z = (e * e) / q;
      logW[k] = (pi > 0 ? Math.log(pi) : -Infinity) + (prior[j]! > 0 ? Math.log(prior[j]!) : -Infinity) + tConst - 0.5 * Math.log(q) - ((dfT + 1) / 2) * Math.log1p(z / dfT);
      if (logW[k]! > best) best = logW[k]!;
      const weight = inv > 0 ? (1 + inv) / (1 + inv * z) : 1;
      const qw = r00 + (s * obs[j]!) / weight;
      const g0 = r00 / qw;
      const g1 = r01 / qw;
      // Variance learning (West & Harrison §4.5, discounted): S' = S·(δn + w·e²/Q)/(δn + 1).
      const sNew = Math.max((s * (df + weight * z)) / nNext, floor);
      const scale = sNew / s;
      bm0[k] = a0 + g0 * e;
      bm1[k] = a1 + g1 * e;
      bc00[k] = scale * (r00 - g0 * r00);
      bc01[k] = scale * (r01 - g0 * r01);
      bc11[k] = scale * (r11 - g1 * r01);
      bs[k] = sNew;
    }
  }
  steadyVar -= steadyMean * steadyMean;
  if (!learning) learnTails(v.tail, (y - steadyMean) ** 2 / steadyVar, df, model.prior[1], obs[1]);

  let total = 0;
  for (let k = 0; k < 16; k++) {
    const w = Math.exp(logW[k]! - best);
    logW[k] = w;
    total += w;
  }
  const before: [number, number, number, number] = [0, 0, 0, 0];
  const now: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = 0; k < 16; k++) {
    const w = logW[k]! / total;
    logW[k] = w;
    before[k >> 2] += w;
    now[k & 3] += w;
  }

  // Collapse the four branches ending in each state j into one Gaussian.
  let jBest = 0;
  for (let j = 1; j < 4; j++) if (now[j]! > now[jBest]!) jBest = j;
  for (let j = 0; j < 4; j++) {
    const pj = now[j]!;
    const comp = v.comps[j]!;
    if (!(pj > 1e-300)) continue; // no weight: filled from the likeliest state below
    let m0 = 0;
    let m1 = 0;
    let sj = 0;
    for (let i = 0; i < 4; i++) {
      const k = i * 4 + j;
      const w = logW[k]! / pj;
      m0 += w * bm0[k]!;
      m1 += w * bm1[k]!;
      sj += w * bs[k]!;
    }
    sj = Math.max(sj, floor);
    let c00 = 0;
    let c01 = 0;
    let c11 = 0;
    for (let i = 0; i < 4; i++) {
      const k = i * 4 + j;
      const w = logW[k]! / pj;
      if (w === 0) continue;
      const r = sj / bs[k]!;
      const d0 = bm0[k]! - m0;
      const d1 = bm1[k]! - m1;
      c00 += w * (r * bc00[k]! + d0 * d0);
      c01 += w * (r * bc01[k]! + d0 * d1);
      c11 += w * (r * bc11[k]! + d1 * d1);
    }
    comp.m[0] = m0;
    comp.m[1] = m1;
    comp.c[0] = c00;
    comp.c[1] = c01;
    comp.c[2] = c11;
    comp.s = sj;
  }
  const likeliest = v.comps[jBest]!;
  for (let j = 0; j < 4; j++) if (!(now[j]! > 1e-300)) v.comps[j] = copyComponent(likeliest);
  v.p = now;
  v.n = nNext;
  return { logPredictive: best + Math.log(total), steadyMean, steadyVariance: steadyVar, df, now, before };
}

export function copyComponent(c: Component): Component {
  return { m: [c.m[0], c.m[1]], c: [c.c[0], c.c[1], c.c[2]], s: c.s };
}

/**
 * How heavy-tailed a series' routine noise is, learned on line.
 *
 * The observation noise is a scale mixture of normals: ε = √(V/λ)·z with λ ~ Gamma(ν/2, ν/2)
 * drawn afresh for each value, i.e. Student-t noise with ν degrees of freedom (West 1981,
 * "Robust sequential approximate Bayesian estimation", JRSS B 43; West & Harrison 1997,
 * §12.4.3). Small ν is a series whose routine values include spikes (machine metrics: a cron
 * job every hour); ν = ∞ is Gaussian noise. Under t noise a spike is evidence of an outlier
 * only up to a bounded factor (about 10^ν for an outlier state ten times as wide), so a series
 * that is spiky by nature stops calling each spike news, while a Gaussian one still does.
 *
 * ν is not fixed but weighed: a small grid of values, each scored by the discounted log
 * density of the steady forecast's standardised errors under "t_ν noise, or an outlier"
 * (the same outlier state and prior as the filter's), i.e. Bayesian model averaging over ν
 * with a memory of about 1/(1 − TAIL_DISCOUNT) values. The filter uses the posterior mean of
 * 1/ν (0 for Gaussian), the scale of the tail that matters for the likelihood. O(grid) per value.
 */
import { logGamma } from './gamma.js';

/** Degrees of freedom tried for the noise; Infinity is Gaussian. */
export const TAIL_GRID = [1, 2, 4, 8, Infinity] as const;
/** Memory of the weighing: about 1,000 values. */
export const TAIL_DISCOUNT = 0.999;
/** Log-weights are kept within this of the best, so no ν is ruled out for good (and the state stays JSON). */
const SPAN = 60;

/** Log density of a unit-scale Student t with `nu` degrees of freedom at u² = `z`. */
export function logStudent(z: number, nu: number): number {
  return logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - ((nu + 1) / 2) * Math.log1p(z / nu);
}

/** Per ν of the grid: its log-weight (less the best) and its discounted scale sums. */
export interface Tails {
  logWeight: number[];
  /** Σ weight·z and Σ weight: the scale of the errors under that ν is their ratio. */
  scaleSum: number[];
  scaleCount: number[];
}

/** Memory of each ν's own scale: about 100 values. */
const SCALE_DISCOUNT = 0.99;
/** The scale starts at 1 (the filter's own) as if seen this many times. */
const SCALE_PRIOR = 10;

/**
 * The prior: Gaussian noise, as in West & Harrison's model, with each heavier tail 20 times
 * less likely (e⁻³), so a series earns heavy tails by its own spikes.
 */
export function newTails(): Tails {
  return {
    logWeight: TAIL_GRID.map((nu) => (Number.isFinite(nu) ? -3 : 0)),
    scaleSum: TAIL_GRID.map(() => SCALE_PRIOR),
    scaleCount: TAIL_GRID.map(() => SCALE_PRIOR),
  };
}

export function copyTails(t: Tails): Tails {
  return { logWeight: [...t.logWeight], scaleSum: [...t.scaleSum], scaleCount: [...t.scaleCount] };
}

/** Posterior mean of 1/ν: 0 for Gaussian noise, 1 for Cauchy. */
export function inverseTail(t: Tails): number {
  let total = 0;
  let inv = 0;
  for (let g = 0; g < TAIL_GRID.length; g++) {
    const w = Math.exp(t.logWeight[g]!);
    total += w;
    inv += w / TAIL_GRID[g]!;
  }
  return inv / total;
}

/**
 * Weighs the grid by one more standardised forecast error `z` = e²/Q of the steady forecast,
 * whose variance is known to `df` degrees of freedom (each ν is tried as the t of precision
 * spread 1/df + 1/ν, as the filter uses it). Each ν is scored at its own scale (the filter's
 * scale suits one ν, not all; each ν's scale is its EM estimate, West 1981), so the weighing
 * compares shapes, not scales. `outlierPrior` and `outlierScale` (variance ratio) describe
 * the filter's outlier state. Mutates `t`.
 */
export function learnTails(t: Tails, z: number, df: number, outlierPrior: number, outlierScale: number): void {
  // The alternative is "anything": a Cauchy as wide as the outlier state, so that one huge
  // value counts as one rare event, not as proof of heavy tails.
  const outlier = Math.log(outlierPrior) - Math.log(Math.PI) - 0.5 * Math.log(outlierScale) - Math.log1p(z / outlierScale);
  const routine = Math.log1p(-outlierPrior);
  let best = -Infinity;
  for (let g = 0; g < TAIL_GRID.length; g++) {
    const nu = 1 / (1 / df + 1 / TAIL_GRID[g]!);
    const c = t.scaleSum[g]! / t.scaleCount[g]!;
    const zg = z / c;
    const a = routine + logStudent(zg, nu) - 0.5 * Math.log(c);
    const hi = Math.max(a, outlier);
    const l = hi + Math.log(Math.exp(a - hi) + Math.exp(outlier - hi));
    t.logWeight[g] = TAIL_DISCOUNT * t.logWeight[g]! + l;
    if (t.logWeight[g]! > best) best = t.logWeight[g]!;
    // EM for the scale of a t: each error weighs by the mean of its precision, (ν + 1)/(ν + z),
    // and by how likely it is routine rather than an outlier.
    const routineShare = Math.exp(a - l);
    t.scaleSum[g] = SCALE_DISCOUNT * t.scaleSum[g]! + routineShare * ((nu + 1) / (nu + zg)) * z;
    t.scaleCount[g] = SCALE_DISCOUNT * t.scaleCount[g]! + routineShare;
  }
  for (let g = 0; g < TAIL_GRID.length; g++) t.logWeight[g] = Math.max(t.logWeight[g]! - best, -SPAN);
}

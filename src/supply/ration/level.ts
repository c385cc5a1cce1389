/**
 * Water-filling to a common level, in whole units, by releasing units in one fixed order.
 *
 * Household i weighs w_i and may receive at most cap_i units. Its k-th unit is released
 * when the common level (units per unit of weight) reaches
 *
 *     t(i, k) = (2k − 1) / (2 w_i)        (k = 1 … cap_i)
 *
 * i.e. when its continuous share level × w_i reaches k − ½: at any level every household
 * holds its share rounded to the nearest unit (Sainte-Laguë / Webster rounding), capped
 * at its need. Units are handed out in order of t, equal t by the household's lot (a
 * seeded draw that does not depend on the stock; equal lots by index). A stock of S gets
 * the first S units of that order, so:
 * - the parts add up to exactly min(S, Σ cap), and nobody gets more than their cap;
 * - more stock never takes a unit from anyone (the first S units are among the first S + 1);
 * - households with the same weight and cap differ by at most one unit.
 *
 * t is computed as one correctly rounded division, so rationally equal thresholds (½ /
 * 10 and 1½ / 30) are equal doubles and are tied, and broken by the seed, as they should.
 *
 * The level where the stock runs out is found by a guarded secant search on
 * R(λ) = #units with t ≤ λ, each step one pass over the households that still have a
 * threshold inside the bracket. R is a staircase (households of one size share their
 * thresholds), so each pass also counts the units on the thresholds just under and just
 * over the level tried, and the search ends as soon as it lands beside the stair where
 * the stock runs out; the units on that stair go by lot (a histogram of lots, no sort).
 * Household-size weights take one to three passes; the whole is O(n), with no sort of
 * the households.
 */

/** At most this many units in the last bracket are sorted explicitly. */
const SORT_LIMIT = 1 << 14;

/** One lot per household, the i-th draw of `draw` as a 32-bit integer: the lower lot goes first in a tie. */
export function drawLots(n: number, draw: () => number): Uint32Array {
  const lots = new Uint32Array(n);
  for (let i = 0; i < n; i++) lots[i] = Math.floor(draw() * 4294967296);
  return lots;
}

/**
 * Gives `stock` units out by the fixed order above. `caps` are whole units ≥ 0; `weights`
 * must be > 0 wherever the cap is > 0; `lots` has one entry per household. Writes each
 * household's units into `out` (only where its cap is > 0, so tiers can share one array)
 * and returns it. The search stops once at most `sortLimit` units are left to order (a
 * parameter so tests can drive the search on small cases).
 */
export function fillToLevel(
  stock: number,
  caps: Float64Array,
  weights: Float64Array,
  lots: Uint32Array,
  out: Float64Array = new Float64Array(caps.length),
  sortLimit = SORT_LIMIT,
): Float64Array {
  const n = caps.length;
  // The bracket (lo, hi]: R(lo) < stock ≤ R(hi), hi a threshold, nextLo the first threshold
  // above lo. Households with a threshold inside it are active: x-th is household
  // active[x], holding atLo[x] units at lo, atHi[x] at hi and atMid[x] at the last level
  // tried. The others are settled: their units are in `out` and summed in `settled`.
  let m = 0;
  let total = 0;
  let weight = 0;
  let lo = 0;
  let nextLo = Infinity;
  let hi = 0;
  let most = 0;
  for (let i = 0; i < n; i++) {
    const c = caps[i]!;
    if (c === 0) continue;
    const w = weights[i]!;
    m++;
    if (c > most) most = c;
    total += c;
    weight += w;
    const first = 1 / (2 * w);
    const last = (2 * c - 1) / (2 * w);
    if (first < nextLo) nextLo = first;
    if (last > hi) hi = last;
  }
  if (stock >= total || stock <= 0) {
    for (let i = 0; i < n; i++) if (caps[i] !== 0) out[i] = stock > 0 ? caps[i]! : 0;
    return out;
  }
  // Households' units in 32 bits when they fit (a sixth faster), else in doubles.
  const Units = most <= 0x7fffffff ? Int32Array : Float64Array;
  const active = new Uint32Array(m);
  const atLo = new Units(m);
  const atHi = new Units(m);
  const atMid = new Units(m);
  for (let i = 0, x = 0; i < n; i++) {
    if (caps[i] === 0) continue;
    active[x] = i;
    atHi[x++] = caps[i]!;
  }

  let settled = 0;
  let rLo = 0;
  let rHi = total;
  // Which end the last level tried became; a "stair" move also ended the search on the
  // threshold next to that level (see below).
  let moved: 'lo' | 'hi' | 'lo-stair' | 'hi-stair' | null = null;
  let bothTried = false;
  let bisect = false;
  let streak = 0; // steps in a row that moved the same end
  let last = 0; // the last level tried, R there, and the weight of households not at their cap there
  let rLast = 0;
  let slope = weight;
  while (nextLo !== hi && rHi - rLo > sortLimit) {
    // R is concave (households reach their caps as the level rises) and nearly piecewise
    // linear, so a Newton step from the last level lands close; overshoot a little, more
    // each time the same end moves again, to bracket the stock. Halve a bracket that a
    // step did not halve.
    let mid: number;
    if (bisect && bothTried) mid = lo + (hi - lo) / 2;
    else {
      const step = (stock - rLast) / slope;
      mid = last + (moved === null ? step : step * (1 + 0.02 * 2 ** streak));
    }
    if (!(mid >= nextLo)) mid = nextLo;
    if (mid >= hi) mid = Math.max(nextLo, lo + (hi - lo) / 2);
    if (mid >= hi) mid = nextLo;

    // One pass: settle whoever the last step left with no threshold in the bracket, then
    // R(mid); the largest threshold ≤ mid and how many units sit on it; the smallest one
    // above mid and how many sit on that. (A household never has two units on one
    // threshold: its needs are < 2⁵², so its thresholds strictly increase.)
    let r = 0;
    let below = 0;
    let onBelow = 0;
    let above = Infinity;
    let onAbove = 0;
    let kept = 0;
    slope = 0;
    for (let x = 0; x < m; x++) {
      const i = active[x]!;
      let gLo = atLo[x]!;
      let gHi = atHi[x]!;
      if (moved === 'lo') gLo = atMid[x]!;
      else if (moved === 'hi') gHi = atMid[x]!;
      if (gLo === gHi) {
        out[i] = gLo;
        settled += gLo;
        continue;
      }
      const w = weights[i]!;
      let g = Math.floor(mid * w + 0.5);
      if (g > gHi) g = gHi;
      else if (!(g >= gLo)) g = gLo;
      let up = g < gHi ? (2 * g + 1) / (2 * w) : Infinity;
      while (up <= mid) {
        g++;
        up = g < gHi ? (2 * g + 1) / (2 * w) : Infinity;
      }
      let down = g > gLo ? (2 * g - 1) / (2 * w) : 0;
      while (down > mid) {
        up = down;
        g--;
        down = g > gLo ? (2 * g - 1) / (2 * w) : 0;
      }
      active[kept] = i;
      atLo[kept] = gLo;
      atHi[kept] = gHi;
      atMid[kept++] = g;
      r += g;
      if (up !== Infinity) {
        slope += w;
        if (up < above) {
          above = up;
          onAbove = 1;
        } else if (up === above) onAbove++;
      }
      if (down !== 0) {
        if (down > below) {
          below = down;
          onBelow = 1;
        } else if (down === below) onBelow++;
      }
    }
    m = kept;
    r += settled;
    last = mid;
    rLast = r;
    if (r === stock) {
      for (let x = 0; x < m; x++) out[active[x]!] = atMid[x]!;
      return out;
    }
    const span = rHi - rLo;
    const side = moved;
    if (r > stock) {
      hi = below; // R(below) = R(mid), and below > lo because R(mid) > R(lo)
      rHi = r;
      moved = 'hi';
      if (r - onBelow < stock) {
        // The stock runs out on the stair at `below`: lo becomes the level just under it.
        rLo = r - onBelow;
        nextLo = below;
        moved = 'hi-stair';
      }
    } else {
      lo = mid;
      rLo = r;
      nextLo = above;
      moved = 'lo';
      if (r + onAbove >= stock) {
        // The stock runs out on the next stair up, `above`.
        hi = above;
        rHi = r + onAbove;
        moved = 'lo-stair';
      }
    }
    bothTried ||= (side === 'lo' && moved !== 'lo') || (side === 'hi' && moved !== 'hi');
    streak = side === moved ? streak + 1 : 0;
    // A step that did not halve the bracket is followed by a halving one.
    bisect = !bisect && rHi - rLo > span / 2;
  }

  // Apply the last move: units at lo and at hi for every household still active.
  for (let x = 0; x < m; x++) {
    const g = atMid[x]!;
    const w = weights[active[x]!]!;
    if (moved === 'lo') atLo[x] = g;
    else if (moved === 'hi') atHi[x] = g;
    else if (moved === 'lo-stair') {
      atLo[x] = g;
      if (g < atHi[x]! && (2 * g + 1) / (2 * w) === hi) atHi[x] = g + 1;
      else atHi[x] = g;
    } else if (moved === 'hi-stair') {
      atHi[x] = g;
      if (g > atLo[x]! && (2 * g - 1) / (2 * w) === hi) atLo[x] = g - 1;
      else atLo[x] = g;
    }
    out[active[x]!] = atLo[x]!;
  }
  const left = stock - rLo;
  if (nextLo === hi) {
    // Every unit still to place is released at the same level, hi: the lots decide.
    giveByLot(left, active.subarray(0, m), atLo, atHi, lots, out);
    return out;
  }

  // Few units between lo and hi: list them and take them in (threshold, lot, index) order.
  const unitLevel = new Float64Array(rHi - rLo);
  const unitHousehold = new Uint32Array(rHi - rLo);
  let u = 0;
  for (let x = 0; x < m; x++) {
    const i = active[x]!;
    const w = weights[i]!;
    for (let k = atLo[x]! + 1; k <= atHi[x]!; k++) {
      unitLevel[u] = (2 * k - 1) / (2 * w);
      unitHousehold[u++] = i;
    }
  }
  const byOrder = Array.from({ length: u }, (_, x) => x).sort((a, b) => {
    const i = unitHousehold[a]!;
    const j = unitHousehold[b]!;
    return unitLevel[a]! - unitLevel[b]! || lots[i]! - lots[j]! || i - j;
  });
  for (let x = 0; x < left; x++) out[unitHousehold[byOrder[x]!]!]!++;
  return out;
}

/**
 * Gives `left` units to the households `group` (x-th one may take atHi[x] − atLo[x]) in
 * order of (lot, index). A histogram on the lot's top 16 bits finds the bucket where the
 * units run out, so only that bucket is sorted: O(group) however large the tie.
 */
function giveByLot(left: number, group: Uint32Array, atLo: Int32Array | Float64Array, atHi: Int32Array | Float64Array, lots: Uint32Array, out: Float64Array): void {
  const units = new Float64Array(65536);
  for (let x = 0; x < group.length; x++) units[lots[group[x]!]! >>> 16] += atHi[x]! - atLo[x]!;
  let cut = 0;
  for (let before = 0; ; cut++) {
    if (before + units[cut]! >= left) {
      left -= before;
      break;
    }
    before += units[cut]!;
  }
  const edge: number[] = [];
  for (let x = 0; x < group.length; x++) {
    const i = group[x]!;
    const bucket = lots[i]! >>> 16;
    if (bucket < cut) out[i] += atHi[x]! - atLo[x]!;
    else if (bucket === cut) edge.push(x);
  }
  edge.sort((x, y) => lots[group[x]!]! - lots[group[y]!]! || group[x]! - group[y]!);
  for (const x of edge) {
    if (left === 0) break;
    const e = Math.min(atHi[x]! - atLo[x]!, left);
    out[group[x]!] += e;
    left -= e;
  }
}

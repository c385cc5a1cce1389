/**
 * The Numenta Anomaly Benchmark's scoring rules (NAB 1.x, `nab/sweeper.py` and
 * `nab/runner.py` of github.com/numenta/NAB), for detections given as row numbers.
 *
 * - The first min(⌊0.15·rows⌋, 750) rows of a file are probationary: not scored.
 * - A detection inside a labelled window scores tp·σ(−(right − i + 1)/width)/σ(−1), where
 *   σ(x) = 2/(1 + e^{5x}) − 1 is the scaled sigmoid; only the best (earliest) detection of a
 *   window counts. A window with no detection scores −fn.
 * - A detection outside every window scores fp·σ(|i − right of the window before|/(its width − 1)),
 *   so it costs almost nothing just after a window and fp further away; before any window it
 *   costs fp.
 * - A corpus score is normalised as 100·(raw − null)/(perfect − null), where the null detector
 *   (no detection) scores −fn per scored window and the perfect one tp per window: NAB's
 *   `Runner.normalize` counts the entries of the label file it was given, and `run.py` gives
 *   it `labels/combined_windows.json` (its `--windowsFile`), not `combined_labels.json`.
 */

export interface CostMatrix {
  tp: number;
  fp: number;
  fn: number;
}

/** NAB `config/profiles.json`. */
export const PROFILES: Readonly<Record<'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate', CostMatrix>> = {
  standard: { tp: 1, fp: 0.11, fn: 1 },
  reward_low_FP_rate: { tp: 1, fp: 0.22, fn: 1 },
  reward_low_FN_rate: { tp: 1, fp: 0.11, fn: 2 },
};

export function probationLength(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
}

/** NAB's scaled sigmoid of a relative position (−1: left edge of a window; 0: right edge). */
export function scaledSigmoid(position: number): number {
  return position >= 3 ? -1 : 2 / (1 + Math.exp(5 * position)) - 1;
}

export interface FileScore {
  score: number;
  /** Scored windows, those with a detection, and detections outside every window. */
  windows: number;
  detected: number;
  falsePositives: number;
}

/**
 * Scores one file: `times` of its rows (in file order), `windows` as [start, end] times,
 * `detections` as row numbers. Like NAB, a window starts at the first row whose time
 * equals its start and ends at the first row whose time equals its end.
 */
export function scoreFile(times: ArrayLike<number>, windows: readonly (readonly [number, number])[], detections: Iterable<number>, cost: CostMatrix): FileScore {
  const rows = times.length;
  const probation = probationLength(rows);
  const firstIndex = (t: number) => {
    for (let i = 0; i < rows; i++) if (times[i] === t) return i;
    throw new Error(`window edge ${new Date(t).toISOString()} is not a row of the file`);
  };
  // Per row: the window it lies in (−1 outside) and its sweep score if detected.
  const windowOf = new Int32Array(rows).fill(-1);
  const sweep = new Float64Array(rows);
  const maxTp = scaledSigmoid(-1);
  const pending = [...windows].sort((a, b) => a[0] - b[0]);
  let w = -1;
  let current: { left: number; right: number } | null = null;
  let previous: { right: number; width: number } | null = null;
  for (let i = 0; i < rows; i++) {
    if (!current && pending.length > 0 && times[i] === pending[0]![0]) {
      const [, end] = pending.shift()!;
      current = { left: i, right: firstIndex(end) };
      w++;
    }
    if (current) {
      const width = current.right - current.left + 1;
      sweep[i] = (scaledSigmoid(-(current.right - i + 1) / width) * cost.tp) / maxTp;
      windowOf[i] = w;
      if (i === current.right) {
        previous = { right: i, width };
        current = null;
      }
    } else {
      sweep[i] = previous ? scaledSigmoid(Math.abs(previous.right - i) / (previous.width - 1)) * cost.fp : -cost.fp;
    }
  }
  const best = new Map<number, number>();
  for (let i = probation; i < rows; i++) if (windowOf[i]! >= 0 && !best.has(windowOf[i]!)) best.set(windowOf[i]!, -cost.fn);
  const scored = best.size;
  let fp = 0;
  let fpCount = 0;
  for (const i of new Set(detections)) {
    if (i < probation || i >= rows) continue;
    const k = windowOf[i]!;
    if (k >= 0) best.set(k, Math.max(best.get(k)!, sweep[i]!));
    else {
      fp += sweep[i]!;
      fpCount++;
    }
  }
  let score = fp;
  let detected = 0;
  for (const s of best.values()) {
    score += s;
    if (s > -cost.fn) detected++;
  }
  return { score, windows: scored, detected, falsePositives: fpCount };
}

/** NAB's normalised corpus score: null detector 0, perfect 100 (`windows`: all windows of the label file). */
export function normalisedScore(raw: number, scoredWindows: number, windows: number, cost: CostMatrix): number {
  const nullScore = -cost.fn * scoredWindows;
  const perfect = cost.tp * windows;
  return (100 * (raw - nullScore)) / (perfect - nullScore);
}

import { describe, expect, test } from 'vitest';
import { normalisedScore, PROFILES, probationLength, scaledSigmoid, scoreFile } from './score.js';

const times = Array.from({ length: 100 }, (_, i) => i * 1000);
const windows: [number, number][] = [[50_000, 59_000]];
const score = (detections: number[]) => scoreFile(times, windows, detections, PROFILES.standard);

describe('NAB scoring (standard profile)', () => {
  test('the scaled sigmoid of nab/sweeper.py', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3)).toBe(-1);
  });

  test('probation: 15% of the rows, at most 750', () => {
    expect(probationLength(100)).toBe(15);
    expect(probationLength(22695)).toBe(750);
  });

  test('a missed window costs fn; a detection at its left edge earns tp; later earns less', () => {
    expect(score([])).toEqual({ score: -1, windows: 1, detected: 0, falsePositives: 0 });
    expect(score([50]).score).toBeCloseTo(1, 12);
    // right edge: σ(−1/10)/σ(−1)
    expect(score([59]).score).toBeCloseTo((2 / (1 + Math.exp(-0.5)) - 1) / (2 / (1 + Math.exp(-5)) - 1), 12);
    // only the best detection of a window counts
    expect(score([50, 55, 59]).score).toBeCloseTo(1, 12);
  });

  test('false positives: fp before any window, less just after one; probation is ignored', () => {
    expect(score([20]).score).toBeCloseTo(-1 - 0.11, 12);
    expect(score([10]).score).toBe(-1);
    // one row after a window of width 10: σ(1/9)·fp
    expect(score([60]).score).toBeCloseTo(-1 + 0.11 * (2 / (1 + Math.exp(5 / 9)) - 1), 12);
    expect(score([60]).falsePositives).toBe(1);
    expect(score([99]).score).toBeCloseTo(-1 - 0.11, 12); // 40/9 ≥ 3 widths past: a full fp
  });

  test('normalised: the null detector scores 0 and the perfect one (tp in every window) 100', () => {
    expect(normalisedScore(-27, 27, 27, PROFILES.standard)).toBe(0);
    expect(normalisedScore(27, 27, 27, PROFILES.standard)).toBe(100);
    expect(normalisedScore(0, 27, 27, PROFILES.standard)).toBe(50);
  });
});

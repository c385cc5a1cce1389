import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cordon } from '../support/cli.js';

const SPEED = 'test/data/timeseries/speed_7578.csv';
const dir = mkdtempSync(join(tmpdir(), 'cordon-monitor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A steady series with small deterministic wiggles, one value per hour. */
function series(n: number, value: (i: number) => number, stamp = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace('T', ' ').slice(0, 19)): string {
  const rows = Array.from({ length: n }, (_, i) => `${stamp(i)},${(value(i) + 0.3 * Math.sin(i * 1.7) + 0.2 * Math.cos(i * 0.9)).toFixed(3)}`);
  return `timestamp,value\n${rows.join('\n')}\n`;
}

describe('cordon monitor detect (offline CLI contract)', { timeout: 60_000 }, () => {
  test('--json on a real NAB series: changes with timestamps exactly as in the file, each flagged once', async () => {
    const r = await cordon(['monitor', 'detect', SPEED, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { changes } = JSON.parse(r.stdout) as { changes: { timestamp: string; type: string; probability: number }[] };
    const stamps = new Set(readFileSync(SPEED, 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.length).toBeLessThan(40);
    for (const c of changes) {
      expect(Object.keys(c)).toEqual(['timestamp', 'type', 'probability']);
      expect(stamps.has(c.timestamp)).toBe(true);
      expect(['step', 'slope', 'outlier']).toContain(c.type);
      expect(c.probability).toBeGreaterThan(0);
      expect(c.probability).toBeLessThanOrEqual(1);
    }
    expect(new Set(changes.map((c) => c.timestamp)).size).toBe(changes.length);
    // NAB's first labelled anomaly (2015-09-11 16:44) is caught inside its window (15:34–17:54).
    expect(changes.some((c) => c.timestamp >= '2015-09-11 15:34:00' && c.timestamp <= '2015-09-11 17:54:00')).toBe(true);

    const text = await cordon(['monitor', 'detect', SPEED]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(changes.map((c) => `${c.timestamp} ${c.type} ${c.probability.toFixed(3)}\n`).join(''));
  });

  test('a step is flagged once, at the value where it happened', async () => {
    const path = file('step.csv', series(200, (i) => (i >= 120 ? 60 : 50)));
    const r = await cordon(['monitor', 'detect', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { changes } = JSON.parse(r.stdout);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ timestamp: '2024-01-06 00:00:00', type: 'step' });
  });

  test('timestamps are printed byte for byte as written; an outlier is named', async () => {
    const stamp = (i: number) => `2024-03-${String(1 + Math.floor(i / 24)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00.000Z`;
    const path = file('iso.csv', series(150, (i) => (i === 100 ? 90 : 20), stamp));
    const r = await cordon(['monitor', 'detect', path]);
    expect([r.code, r.stdout]).toEqual([0, `${stamp(100)} outlier ${r.stdout.split(' ').at(-1)}`]);
    expect(r.stdout).toMatch(/^2024-03-05T04:00:00\.000Z outlier (0\.9\d\d|1\.000)\n$/);
  });

  test('real NAB files where a clock change repeats or goes back an hour run as they are, in file order', async () => {
    // Excerpts of NAB ec2_request_latency_system_failure.csv (lines 500–620: 03:00:00 written
    // a dozen times) and machine_temperature_system_failure.csv (lines 10090–10210: 02:55 then 02:00).
    for (const name of ['ec2_request_latency_clock_change.csv', 'machine_temperature_clock_change.csv']) {
      const path = `test/data/timeseries/${name}`;
      const r = await cordon(['monitor', 'detect', path, '--json']);
      expect([r.code, r.stderr], name).toEqual([0, '']);
      const parsed = JSON.parse(r.stdout) as { changes: { timestamp: string }[] };
      expect(Object.keys(parsed)).toEqual(['changes']);
      const stamps = new Set(readFileSync(path, 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]));
      for (const c of parsed.changes) expect(stamps.has(c.timestamp)).toBe(true);
    }
  });

  test('a step right after a repeated hour is flagged once, at the row where it happened (the second of the two)', async () => {
    const stamps = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2024, 2, 31) + (i < 120 ? i : i - 1) * 3_600_000).toISOString().replace('T', ' ').slice(0, 19));
    const path = file('repeat.csv', series(200, (i) => (i >= 120 ? 60 : 50), (i) => stamps[i]!));
    expect(stamps[119]).toBe(stamps[120]);
    const r = await cordon(['monitor', 'detect', path]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${stamps[120]} step (0\\.9\\d\\d|1\\.000)$`));
  });

  test('a header alone: no changes', async () => {
    const r = await cordon(['monitor', 'detect', file('empty.csv', 'timestamp,value\n'), '--json']);
    expect([r.code, r.stdout.trim()]).toEqual([0, '{"changes":[]}']);
  });

  test('bad rows: exit 2 with FILE:LINE: reason and nothing on stdout (every reason: series-csv.test.ts)', async () => {
    const cases: [string, string][] = [
      ['ts,value\n2024-01-01,1\n', '1: the header must be timestamp,value, got "ts,value"'],
      ['timestamp,value\n2024-01-01,1\n2024-01-02,lots\n', '3: value: not a number: "lots"'],
      ['timestamp,value\n2024-01-01,1\n2024-01-02,2\n2024-01-03\n', '4: expected 2 columns (timestamp,value), got 1'],
      ['timestamp,value\n2024-01-01,1\n2024-01-32,2\n', '3: timestamp: not a date and time: "2024-01-32"'],
      ['timestamp,value\n2024-01-01,1\n2024-01-02,\n', '3: value: not a number: ""'],
    ];
    for (const [k, [text, reason]] of cases.entries()) {
      const path = file(`bad${k}.csv`, text);
      const r = await cordon(['monitor', 'detect', path, '--json']);
      expect([r.code, r.stderr.trim(), r.stdout]).toEqual([2, `${path}:${reason}`, '']);
    }
  });

  test('a missing file: exit 2 naming it', async () => {
    const missing = join(dir, 'nope.csv');
    const r = await cordon(['monitor', 'detect', missing]);
    expect([r.code, r.stderr.trim()]).toEqual([2, `${missing}: cannot read it (ENOENT)`]);
  });
});

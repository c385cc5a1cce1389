import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cordon } from '../support/cli.js';

const data = (f: string) => join('test/data/ration', f);
const dir = mkdtempSync(join(tmpdir(), 'cordon-ration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'household,adults,children,infants,special';
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('cordon ration (offline CLI contract)', { timeout: 60_000 }, () => {
  // three.csv, 1000 units per equivalent adult:
  //   h1: 2 adults + 1 child = 1 + 0.5 + 0.3 = 1.8 → need 1800
  //   h2: 1 adult, special   = 1                → need 1000
  //   h3: 2 children + 1 infant, no adult: 1 + 0.3 + 0.3 = 1.6 → need 1600
  // 2200 units for 4400 of need:
  //   proportional: half of each need → 900, 500, 800.
  //   maxmin: one level per tenth of an adult, 2200 / 44 = 50 → 900, 500, 800 (the same:
  //     these needs are exactly proportional to the weights).
  //   priority: h2 is special and gets its 1000 first; 1200 left for weights 18 and 16:
  //     level 1200 / 34 = 35.29 → 635.29 and 564.71 → 635 and 565 (nearest units; sum 1200).
  test('the hand-worked example, every method, CSV in file order', async () => {
    const expected = {
      proportional: 'household,need,ration\nh1,1800,900\nh2,1000,500\nh3,1600,800\n',
      maxmin: 'household,need,ration\nh1,1800,900\nh2,1000,500\nh3,1600,800\n',
      priority: 'household,need,ration\nh1,1800,635\nh2,1000,1000\nh3,1600,565\n',
    };
    for (const [method, out] of Object.entries(expected)) {
      const r = await cordon(['ration', '--stock', '2200', '--method', method, data('three.csv')]);
      expect([r.code, r.stdout, r.stderr], method).toEqual([0, out, '']);
    }
  });

  test('--json: {"rations":[{household, need, ration}]} with numbers, in file order', async () => {
    const r = await cordon(['ration', '--stock', '2200', '--method', 'priority', '--json', data('three.csv')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      rations: [
        { household: 'h1', need: 1800, ration: 635 },
        { household: 'h2', need: 1000, ration: 1000 },
        { household: 'h3', need: 1600, ration: 565 },
      ],
    });
  });

  // rounding.csv with 5 units per equivalent adult: needs round half up —
  //   1 adult + 1 child: 6.5 → 7; 2 adults: 7.5 → 8; 1 adult, 2 children, 1 infant: 9.5 → 10;
  //   nobody: 0; one infant alone counts as a first person: 5 (special).
  // 12 units. maxmin releases a household's k-th unit at level (k − ½) / weight (weights
  // 13, 15, 19, –, 10 tenths); the first twelve are at levels up to 0.1923 (the single
  // parent's third unit), next would be 0.2368 → 3, 3, 4, 0, 2. Proportional (k − ½) / need
  // gives the same here. Priority: the infant's 5 first, then 7 by weight 13, 15, 19 → 2, 2, 3.
  test('needs round half up; a household of nobody needs nothing; --need-per-adult', async () => {
    const expected = { proportional: [3, 3, 4, 0, 2], maxmin: [3, 3, 4, 0, 2], priority: [2, 2, 3, 0, 5] };
    for (const [method, rations] of Object.entries(expected)) {
      const r = await cordon(['ration', '--stock', '12', '--method', method, '--need-per-adult', '5', '--json', data('rounding.csv')]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout).rations;
      expect(out.map((x: any) => x.need)).toEqual([7, 8, 10, 0, 5]);
      expect(out.map((x: any) => x.ration), method).toEqual(rations);
    }
  });

  test('stock 0 gives nothing; enough stock gives every need', async () => {
    const none = await cordon(['ration', '--stock', '0', '--method', 'maxmin', data('three.csv')]);
    expect([none.code, none.stdout]).toEqual([0, 'household,need,ration\nh1,1800,0\nh2,1000,0\nh3,1600,0\n']);
    const plenty = await cordon(['ration', '--stock', '99999', '--method', 'proportional', data('three.csv')]);
    expect(plenty.stdout).toBe('household,need,ration\nh1,1800,1800\nh2,1000,1000\nh3,1600,1600\n');
  });

  test('a BOM, CRLF, blank lines, spaces and quoted identifiers are read; identifiers are written back as CSV', async () => {
    const r = await cordon(['ration', '--stock', '3000', '--method', 'maxmin', data('messy.csv')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('household,need,ration\ncasa-1,1000,1000\n"Pérez, ""Ana""",1000,1000\ncasa 3,1000,1000\n');
  });

  test('a tie is settled by the seed: the same file and seed give the same rations, other seeds may not', async () => {
    // Three single adults, 1000 units: 333 each, and the 1000th unit goes by lot.
    const run = async (...seed: string[]) => (await cordon(['ration', '--stock', '1000', '--method', 'proportional', '--json', ...seed, data('ties.csv')])).stdout;
    const byFile = await run();
    expect(await run()).toBe(byFile);
    const winners = new Set<string>();
    for (const seed of ['1', '2', '3', '4']) {
      const out = JSON.parse(await run('--seed', seed)).rations;
      expect(out.map((x: any) => x.ration).sort()).toEqual([333, 333, 334]);
      winners.add(out.find((x: any) => x.ration === 334).household);
    }
    expect(winners.size).toBeGreaterThan(1);
  });

  test('a bad row: exit 2 with FILE:LINE: reason naming the field, nothing on stdout', async () => {
    const bad = file('h.csv', `${HEADER}\na,1,0,0,0\nb,1,0,0,0\nc,1,0,0,0\nd,1,0,0,0\ne,1,0,0,0\nf,1,-1,0,0\n`);
    const r = await cordon(['ration', '--stock', '10', '--method', 'maxmin', bad]);
    expect([r.code, r.stderr.trim(), r.stdout]).toEqual([2, `${bad}:7: children: must be a whole number ≥ 0, got "-1"`, '']);

    const header = file('header.csv', 'household,adults,kids,infants,special\na,1,0,0,0\n');
    const h = await cordon(['ration', '--stock', '10', '--method', 'maxmin', header]);
    expect([h.code, h.stderr.trim()]).toEqual([2, `${header}:1: header must be household,adults,children,infants,special`]);

    const dup = file('dup.csv', `${HEADER}\na,1,0,0,0\nb,1,0,0,0\na,2,0,0,0\n`);
    const d = await cordon(['ration', '--stock', '10', '--method', 'maxmin', dup]);
    expect([d.code, d.stderr.trim()]).toEqual([2, `${dup}:4: household: "a" is a duplicate (first on line 2)`]);

    const special = file('special.csv', `${HEADER}\na,1,0,0,yes\n`);
    const s = await cordon(['ration', '--stock', '10', '--method', 'priority', special]);
    expect([s.code, s.stderr.trim()]).toEqual([2, `${special}:2: special: must be 0 or 1, got "yes"`]);
  });

  test('bad usage: exit 2 with one line naming the option or the file', async () => {
    const cases: [string[], string][] = [
      [['--method', 'maxmin', data('three.csv')], '--stock: required: the whole units of the good to share, e.g. --stock 250000'],
      [['--stock', '-5', '--method', 'maxmin', data('three.csv')], '--stock: must be a whole number ≥ 0, got "-5"'],
      [['--stock', '2.5', '--method', 'maxmin', data('three.csv')], '--stock: must be a whole number ≥ 0, got "2.5"'],
      [['--stock', '10', '--method', 'lottery', data('three.csv')], '--method: must be one of proportional, maxmin, priority, got "lottery"'],
      [['--stock', '10', '--method', 'maxmin', '--seed', 'x', data('three.csv')], '--seed: must be a whole number 0–4294967295, got "x"'],
      [['--stock', '10', '--method', 'maxmin', '--need-per-adult', '-1', data('three.csv')], '--need-per-adult: must be a whole number 0–1000000000, got "-1"'],
      [['--stock', '10', '--method', 'maxmin', join(dir, 'nope.csv')], `${join(dir, 'nope.csv')}: cannot read it (ENOENT)`],
    ];
    for (const [args, message] of cases) {
      const r = await cordon(['ration', ...args]);
      expect([r.code, r.stderr.trim(), r.stdout], args.join(' ')).toEqual([2, message, '']);
    }
  });
});

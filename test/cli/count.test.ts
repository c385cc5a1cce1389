import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cordon } from '../support/cli.js';

const data = (f: string) => join('test/data/elections', f);
const dir = mkdtempSync(join(tmpdir(), 'cordon-count-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cordon count (offline CLI contract)', { timeout: 60_000 }, () => {
  test('--json: elected names as written, in order of election, and every stage', async () => {
    const r = await cordon(['count', '--method', 'stv', '--seats', '4', data('aberdeen_2017_ward12.blt'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.elected[0]).toBe('Alan DONNELLY (Con)');
    expect([...out.elected].sort()).toEqual(['Alan DONNELLY (Con)', 'Catriona MACKENZIE (SNP)', 'Christian Guy ALLARD (SNP)', 'Yvonne ALLAN (Lab)']);
    expect(out.quota).toBe(1120);
    expect(out.stages).toHaveLength(9);
    for (const s of out.stages) expect(s).toEqual(expect.objectContaining({ votes: expect.any(Object), transfers: expect.any(Object), exhausted: expect.any(Number), quota: 1120 }));
  });

  test('quoted names lose their quotes; the table is printed without --json', async () => {
    const r = await cordon(['count', data('edinburgh_2017_ward13_leith.blt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Stage 1 +Stage 2 +Stage 3 +Stage 4/);
    expect(r.stdout).toMatch(/Elected, in order: .*Adam MCVEY/);
    expect(r.stdout).not.toMatch(/"Adam/);
  });

  test('every method runs on a real file', async () => {
    for (const [method, seats] of [['irv', '1'], ['plurality', '4'], ['approval', '4'], ['schulze', '4']]) {
      const r = await cordon(['count', '--method', method!, '--seats', seats!, '--json', data('glasgow_2007_govan.blt')]);
      expect(r.code, `${method}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).elected).toHaveLength(Number(seats));
    }
  });

  test('a malformed file: exit 2 with FILE:LINE: reason', async () => {
    const bad = join(dir, 'bad.blt');
    writeFileSync(bad, '3 1\n1 1 2 0\n2 1 4 0\n0\n"a"\n"b"\n"c"\n');
    const r = await cordon(['count', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${bad}:3: preference "4" is not a candidate number 1–3`);
    expect(r.stdout).toBe('');
  });

  test('an empty election is refused', async () => {
    const empty = join(dir, 'empty.blt');
    writeFileSync(empty, '2 1\n0\n"a"\n"b"\n');
    const r = await cordon(['count', empty]);
    expect([r.code, r.stderr.trim()]).toEqual([2, `${empty}: there are no valid ballots to count`]);
  });

  test('bad usage: exit 2 naming the option or file', async () => {
    const missing = await cordon(['count', join(dir, 'nope.blt')]);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, `${join(dir, 'nope.blt')}: cannot read it (ENOENT)`]);
    const method = await cordon(['count', '--method', 'borda', data('glasgow_2007_govan.blt')]);
    expect([method.code, method.stderr.trim()]).toEqual([2, '--method: must be one of stv, irv, plurality, approval, schulze, got "borda"']);
    const seats = await cordon(['count', '--seats', '12', data('glasgow_2007_govan.blt')]);
    expect(seats.code).toBe(2);
    const irv = await cordon(['count', '--method', 'irv', data('glasgow_2007_govan.blt')]);
    expect([irv.code, irv.stderr.trim()]).toEqual([2, `${data('glasgow_2007_govan.blt')}: instant-runoff elects one seat, but 4 were asked; use --method stv for several seats`]);
  });
});

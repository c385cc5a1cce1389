import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cordon } from '../support/cli.js';

const data = (f: string) => join('test/data/io', f);
const dir = mkdtempSync(join(tmpdir(), 'cordon-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tmp = (name: string, text?: string) => {
  const f = join(dir, name);
  if (text !== undefined) writeFileSync(f, text);
  return f;
};

interface Solved {
  sectors: { sector: string; gross_output: number; labour: number | null }[];
  total_labour: number | null;
}

/** The total_output column of a canonical CSV, by sector. */
function totalOutputs(csv: string): Map<string, number> {
  const lines = csv.trim().split('\n');
  const header = lines[0]!.split(',');
  const col = header.indexOf('total_output');
  return new Map(lines.slice(1).filter((l) => !l.startsWith('labour,')).map((l) => [l.split(',')[0]!, Number(l.split(',')[col])]));
}

/** Converts, solves for the table's own final demand and checks the output comes back to 1e-6. */
async function convertAndSolve(from: string, inputs: string[], out: string): Promise<Solved> {
  const c = await cordon(['plan', 'convert', '--from', from, ...inputs.map(data), '-o', out]);
  expect(c.code, c.stderr).toBe(0);
  const s = await cordon(['plan', 'solve', '--table', out, '--json']);
  expect(s.code, s.stderr).toBe(0);
  expect(s.stderr).toMatch(/check: the table's own final demand gives back its total output/);
  const solved = JSON.parse(s.stdout) as Solved;
  const x = totalOutputs(readFileSync(out, 'utf8'));
  expect(solved.sectors.map((r) => r.sector)).toEqual([...x.keys()]);
  for (const r of solved.sectors) {
    const want = x.get(r.sector)!;
    expect(Math.abs(r.gross_output - want), r.sector).toBeLessThanOrEqual(1e-6 * Math.abs(want));
  }
  return solved;
}

const README = `sector,S1,S2,S3,final_demand,total_output
S1,10,20,5,65,100
S2,30,0,40,130,200
S3,0,50,10,90,150
labour,12.5,40,20,,
`;

describe('cordon plan convert + solve (offline CLI contract, real tables)', { timeout: 60_000 }, () => {
  test('eurostat: Germany 1995 (6 products) gives back its output and its 36,428 thousand jobs', async () => {
    const solved = await convertAndSolve('eurostat', ['Beutel_15_4.csv'], tmp('de.csv'));
    expect(solved.sectors).toHaveLength(6);
    expect(solved.sectors[1]).toEqual({ sector: 'manufacturing_group', gross_output: expect.closeTo(1079446, 6), labour: expect.closeTo(8381, 6) });
    expect(solved.total_labour).toBeCloseTo(36428, 6);
  });

  test('oecd: Belgium 2020 (50 industries, three with no output) gives back OUTPUT; no labour row, so labour is null', async () => {
    const solved = await convertAndSolve('oecd', ['BEL2020ttl.csv'], tmp('be.csv'));
    expect(solved.sectors).toHaveLength(50);
    expect(solved.sectors.find((r) => r.sector === 'D05')).toEqual({ sector: 'D05', gross_output: 0, labour: null });
    expect(solved.total_labour).toBeNull();
  });

  test('bea-make-use: US 2007 detail (389 commodities, industry technology) gives back commodity output and total compensation', async () => {
    const out = tmp('us.csv');
    const solved = await convertAndSolve('bea-make-use', ['389_Make_2007_PRO_BeforeRedef.csv', '389_Use_2007_PRO_BeforeRedef.csv'], out);
    expect(solved.sectors).toHaveLength(389);
    // Compensation of employees, V00100, about 7.91 trillion (USD million).
    expect(solved.total_labour! / 7.91e6).toBeCloseTo(1, 2);
  });

  test('the input order of make and use does not matter; notes go to stderr and the table to stdout without -o', async () => {
    const r = await cordon(['plan', 'convert', '--from', 'bea-make-use', data('389_Use_2007_PRO_BeforeRedef.csv'), data('389_Make_2007_PRO_BeforeRedef.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('sector,1111A0,1111B0,')).toBe(true);
    expect(r.stderr).toMatch(/industry-technology assumption/);
    expect(r.stderr).toMatch(/negative flows between sectors .* moved to final demand/);
  });
});

describe('cordon plan solve', { timeout: 60_000 }, () => {
  test('text: a table per sector, total labour, and the consistency check on stderr', async () => {
    const r = await cordon(['plan', 'solve', '--table', tmp('readme.csv', README)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'sector  gross_output  labour',
      'S1           100.000  12.500',
      'S2           200.000  40.000',
      'S3           150.000  20.000',
    ]);
    expect(r.stdout).toMatch(/total labour: 72\.500/);
    expect(r.stderr).toMatch(/check: the table's own final demand gives back its total output/);
  });

  test('--demand: sectors not listed demand 0; the plan is x = (I − A)⁻¹ d', async () => {
    const demand = tmp('d.csv', 'sector,final_demand\nS1,65\nS2,130\nS3,90\n');
    const same = JSON.parse((await cordon(['plan', 'solve', '--table', tmp('readme.csv', README), '--demand', demand, '--json'])).stdout) as Solved;
    expect(same.sectors.map((s) => s.gross_output)).toEqual([100, 200, 150].map((v) => expect.closeTo(v, 9)));
    const one = await cordon(['plan', 'solve', '--table', tmp('readme.csv'), '--demand', tmp('d1.csv', 'sector,final_demand\nS1,1\n'), '--json']);
    const x = (JSON.parse(one.stdout) as Solved).sectors.map((s) => s.gross_output);
    // Column 1 of (I − A)⁻¹: x1 = 1 + 0.1 x1 + 0.1 x2 + 0.0333 x3, all positive.
    expect(x[0]).toBeGreaterThan(1);
    expect(x[1]).toBeGreaterThan(0);
    expect(x[2]).toBeGreaterThan(0);
    expect(one.stderr).not.toMatch(/check/);
  });

  test('bad tables: exit 2 with FILE:LINE: reason naming the sector, nothing on stdout', async () => {
    const cases: [string, string, string][] = [
      ['nonsquare.csv', 'sector,A,B,final_demand,total_output\nA,1,2,7,10\nC,1,2,7,10\n', ':3: not square: row "C" is not a sector of the header (expected "B")'],
      ['nan.csv', README.replace('S2,30,0,40', 'S2,30,x,40'), ':3: flow from S2 to S2: "x" is not a number'],
      ['negative.csv', README.replace('S1,10,20,5,65', 'S1,10,-20,5,105'), ':2: negative flow -20 from S1 to S2: flows between sectors must be ≥ 0'],
      ['zero.csv', README.replace('S3,0,50,10,90,150', 'S3,0,50,10,-60,0'), ':4: sector S3 has total output 0 but uses inputs (its column sums to 55)'],
      ['unbalanced.csv', README.replace('S2,30,0,40,130,200', 'S2,30,0,40,150,200'), ':3: sector S2: total_output 200 but flows + final_demand = 220 (off by 10.0 %, more than 0.1 %)'],
      ['closed.csv', 'sector,A,B,final_demand,total_output\nA,0,60,-10,50\nB,60,0,-10,50\n', ':2: the table is not productive (spectral radius of A 1.200 ≥ 1): sectors A, B use more of each other than they make'],
    ];
    for (const [name, text, reason] of cases) {
      const f = tmp(name, text);
      const r = await cordon(['plan', 'solve', '--table', f, '--json']);
      expect([r.code, r.stderr.trim(), r.stdout]).toEqual([2, `${f}${reason}`, '']);
    }
  });

  test('a bad demand file: exit 2 with FILE:LINE: reason', async () => {
    const table = tmp('readme.csv', README);
    const unknown = tmp('unknown.csv', 'sector,final_demand\nS1,5\nS9,1\n');
    const r = await cordon(['plan', 'solve', '--table', table, '--demand', unknown]);
    expect([r.code, r.stderr.trim(), r.stdout]).toEqual([2, `${unknown}:3: unknown sector "S9": not in the table`, '']);
    const nan = tmp('nan-d.csv', 'sector,final_demand\nS1,five\n');
    const n = await cordon(['plan', 'solve', '--table', table, '--demand', nan]);
    expect([n.code, n.stderr.trim()]).toEqual([2, `${nan}:2: final_demand of S1: "five" is not a number`]);
  });

  test('usage: missing --table, unreadable files, unknown layout: exit 2 naming it; convert writes nothing on error', async () => {
    expect(await cordon(['plan', 'solve'])).toEqual({ code: 2, stdout: '', stderr: '--table: required: the canonical IO table (CSV), e.g. --table economy.csv\n' });
    const missing = join(dir, 'nope.csv');
    expect((await cordon(['plan', 'solve', '--table', missing])).stderr.trim()).toBe(`${missing}: cannot read it (ENOENT)`);
    const layout = await cordon(['plan', 'convert', '--from', 'wiod', data('Beutel_15_4.csv')]);
    expect([layout.code, layout.stderr.trim()]).toEqual([2, '--from: must be one of eurostat, oecd, bea-make-use, got "wiod"']);
    const out = tmp('never.csv');
    const bad = tmp('bad-oecd.csv', '"","D01","HFCE"\n"TTL_01",x,1\n"OUTPUT",10,\n');
    const r = await cordon(['plan', 'convert', '--from', 'oecd', bad, '-o', out]);
    expect([r.code, r.stderr.trim()]).toEqual([2, `${bad}:2: flow from D01 to D01: "x" is not a number`]);
    expect(existsSync(out)).toBe(false);
    const one = await cordon(['plan', 'convert', '--from', 'bea-make-use', data('389_Use_2007_PRO_BeforeRedef.csv'), '-o', out]);
    expect([one.code, one.stderr.trim()]).toEqual([2, 'bea-make-use: expected two files, the make and the use table, got 1']);
    const wrong = await cordon(['plan', 'convert', '--from', 'oecd', data('Beutel_15_4.csv'), '-o', out]);
    expect([wrong.code, wrong.stderr.trim()]).toEqual([2, `${data('Beutel_15_4.csv')}:2: no rows of intermediate use: expected TTL_<industry> (or DOM_<industry>) rows`]);
    expect(existsSync(out)).toBe(false);
  });
});

/**
 * `cordon count` on a national-size BLT file: 1,000,000 ballots, 20 candidates, 5 seats,
 * Scottish STV, end to end (process start, read, parse, count, print JSON). Two files
 * from one seed: grouped (identical rankings on one weighted line) and ungrouped (one
 * line per ballot). Reference in the same run: the same process doing nothing but
 * start (`cordon --version`). Target: < 1 s end to end.
 * Usage: npm run bench -- count [--ballots N] [--seed S]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../src/councils/counting/ties.js';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BALLOTS = arg('--ballots', 1_000_000);
const SEED = arg('--seed', 1973);
const CANDIDATES = 20;
const SEATS = 5;

/** Rankings from a Plackett–Luce model with Zipf-like candidate strengths; lengths 1–20,
 *  most voters ranking a few candidates. */
function generate(seed: number): Map<string, number> {
  const rand = seededRandom(seed);
  const strength = Array.from({ length: CANDIDATES }, (_, i) => 1 / (i + 1) ** 0.8);
  const rankings = new Map<string, number>();
  for (let b = 0; b < BALLOTS; b++) {
    const len = Math.min(CANDIDATES, 1 + Math.floor(-Math.log(1 - rand()) * 3));
    const left = strength.map((s, c) => [s, c] as [number, number]);
    const r: number[] = [];
    for (let k = 0; k < len; k++) {
      let total = 0;
      for (const [s] of left) total += s;
      let x = rand() * total;
      let pick = 0;
      while (pick < left.length - 1 && (x -= left[pick]![0]) > 0) pick++;
      r.push(left[pick]![1] + 1);
      left.splice(pick, 1);
    }
    const key = r.join(' ');
    rankings.set(key, (rankings.get(key) ?? 0) + 1);
  }
  return rankings;
}

const dir = mkdtempSync(join(tmpdir(), 'cordon-count-bench-'));
try {
  const t0 = performance.now();
  const rankings = generate(SEED);
  const names = Array.from({ length: CANDIDATES }, (_, i) => `"Candidate ${String.fromCharCode(65 + i)}"`).join('\n');
  const grouped = join(dir, 'grouped.blt');
  const ungrouped = join(dir, 'ungrouped.blt');
  writeFileSync(grouped, `${CANDIDATES} ${SEATS}\n${[...rankings].map(([r, n]) => `${n} ${r} 0`).join('\n')}\n0\n${names}\n"Bench"\n`);
  const lines: string[] = [];
  for (const [r, n] of rankings) for (let i = 0; i < n; i++) lines.push(`1 ${r} 0`);
  writeFileSync(ungrouped, `${CANDIDATES} ${SEATS}\n${lines.join('\n')}\n0\n${names}\n"Bench"\n`);
  console.log(`generated ${BALLOTS} ballots, ${rankings.size} distinct rankings in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
    `grouped ${(statSync(grouped).size / 1e6).toFixed(1)} MB, ungrouped ${(statSync(ungrouped).size / 1e6).toFixed(1)} MB`);

  const bin = join(process.cwd(), 'bin/cordon.js');
  const time = (args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`cordon ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { ms: performance.now() - t, out: r.stdout };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const runs = 3;
  const boot: number[] = [];
  const g: number[] = [];
  const u: number[] = [];
  let elected: string[] = [];
  for (let i = 0; i < runs; i++) {
    boot.push(time(['--version']).ms);
    const a = time(['count', '--method', 'stv', '--seats', String(SEATS), '--json', grouped]);
    g.push(a.ms);
    const b = time(['count', '--method', 'stv', '--seats', String(SEATS), '--json', ungrouped]);
    u.push(b.ms);
    const ea = JSON.parse(a.out).elected;
    const eb = JSON.parse(b.out).elected;
    if (JSON.stringify(ea) !== JSON.stringify(eb)) throw new Error('grouped and ungrouped files elected differently');
    elected = ea;
  }
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(`elected: ${elected.join(', ')}`);
  console.log(`process start only (cordon --version): ${boot.map(s).join(', ')} s`);
  console.log(`count, grouped file:                   ${g.map(s).join(', ')} s`);
  console.log(`count, ungrouped file:                 ${u.map(s).join(', ')} s`);
  console.log(
    `BENCH name=count ballots=${BALLOTS} distinct=${rankings.size} boot_s=${s(median(boot))} grouped_s=${s(median(g))} ungrouped_s=${s(median(u))} ` +
      `grouped_minus_boot_s=${s(median(g) - median(boot))} ungrouped_minus_boot_s=${s(median(u) - median(boot))}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

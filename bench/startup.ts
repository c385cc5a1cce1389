/**
 * Start-up time of `cordon start` on the embedded database, measured from spawning the
 * process to its "Ready" line: first start (migrations, key, small demo) and a later
 * start, beside the reference of starting the same process only to print its version
 * (Node + tsx + loading the CLI). Goals: first < 10 s, later < 3 s.
 * Usage: npm run bench -- startup [--runs N]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const bin = join(process.cwd(), 'bin/cordon.js');

function timeUntil(args: string[], ready: RegExp | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (ready && ready.test(out)) {
        const ms = performance.now() - t0;
        child.on('close', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.on('close', (code) => {
      if (!ready) resolve(performance.now() - t0);
      else if (!ready.test(out)) reject(new Error(`exited ${code}:\n${out}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const boot: number[] = [];
const first: number[] = [];
const later: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-start-'));
  try {
    boot.push(await timeUntil(['--version'], null));
    first.push(await timeUntil(['start', '--port', '0', '--data', dir], /Ready in/));
    later.push(await timeUntil(['start', '--port', '0', '--data', dir], /Ready in/));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(`process boot (cordon --version): ${boot.map(s).join(', ')} s`);
console.log(`first start (migrate, key, demo): ${first.map(s).join(', ')} s`);
console.log(`later start:                      ${later.map(s).join(', ')} s`);
console.log(`BENCH name=startup boot_s=${s(median(boot))} first_start_s=${s(median(first))} later_start_s=${s(median(later))} first_vs_boot=${(median(first) / median(boot)).toFixed(1)} later_vs_boot=${(median(later) / median(boot)).toFixed(1)}`);

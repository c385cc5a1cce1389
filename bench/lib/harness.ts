/** What the HTTP benchmarks share: starting a server as a child process, and loading it with wrk. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `node ARGS` in the repository; resolves with the port once its output matches `ready` (group 1 = port). */
export function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ port: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = ready.exec(out);
      if (m) resolve({ port: Number(m[1]), stop: () => new Promise((r) => (child.once('close', () => r()), child.kill('SIGTERM'))) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('close', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  statuses: Record<string, number>;
}

/**
 * Loads `http://127.0.0.1:PORT` with Debian's wrk (2 threads) running `script` for
 * `seconds`; the script gets `args` and then the thread count. wrk cannot stop after a
 * number of requests: with `finished`, polled every 250 ms, an interrupt ends the run once
 * the work is done, and wrk prints its figures for the time it ran.
 */
export function wrk(opts: { port: number; script: string; args: string[]; seconds: number; connections: number; finished?: () => Promise<boolean> }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const threads = 2;
    const child = spawn(
      '/usr/bin/wrk',
      ['-t', String(threads), '-c', String(opts.connections), '-d', `${opts.seconds}s`, '--latency', '-s', opts.script, `http://127.0.0.1:${opts.port}`, '--', ...opts.args, String(threads)],
      { cwd: root },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const finished = opts.finished;
    const poll = finished && setInterval(() => void finished().then((yes) => yes && child.kill('SIGINT')), 250);
    child.once('close', () => {
      clearInterval(poll);
      const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? Number.NaN);
      const ms = (re: RegExp) => {
        const m = re.exec(out);
        if (!m) return Number.NaN;
        const v = Number(m[1]);
        return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
      };
      const requests = num(/(\d+) requests in/);
      const errors = num(/Non-2xx or 3xx responses: (\d+)/) || 0;
      if (Number.isNaN(requests)) reject(new Error(out));
      else resolve({ rps: num(/Requests\/sec:\s+([\d.]+)/), p50: ms(/50%\s+([\d.]+)(us|ms|s)/), p99: ms(/99%\s+([\d.]+)(us|ms|s)/), errors, requests, statuses: {} });
    });
  });
}

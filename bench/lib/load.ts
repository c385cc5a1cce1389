/**
 * A small HTTP load generator for benchmarks: `concurrency` keep-alive connections,
 * each sending its next request as soon as the previous answer arrives. Reads a JSON
 * job from argv[2]; prints one JSON summary line. Runs as its own process so the server
 * under test keeps its event loop to itself.
 *
 * Job: { url, requests, concurrency, kind: "ballots" | "insert", … }
 *   ballots: POST {url}/motions/{motion of voter}/votes as voter n (session cookie bench-n)
 *   insert:  POST {url}/ref
 */
import http from 'node:http';

interface Job {
  url: string;
  requests: number;
  concurrency: number;
  kind: 'ballots' | 'insert';
  perBase?: number;
  motions?: string[];
}

const job = JSON.parse(process.argv[2]!) as Job;
const target = new URL(job.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
const latencies = new Float64Array(job.requests);
let next = 0;
let errors = 0;
const statuses: Record<number, number> = {};

function request(i: number): Promise<void> {
  return new Promise((resolve) => {
    let path = '/ref';
    let body = JSON.stringify({ n: i });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (job.kind === 'ballots') {
      const voter = i + 1; // person number
      const base = Math.floor(i / job.perBase!);
      path = `/motions/${job.motions![base]}/votes`;
      body = JSON.stringify({ choice: voter % 3 });
      headers.cookie = `cordon_session=bench-${voter}`;
      headers['x-csrf-token'] = 'bench-csrf';
    }
    headers['content-length'] = String(Buffer.byteLength(body));
    const t0 = performance.now();
    const req = http.request({ host: target.hostname, port: target.port, path, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies[i] = performance.now() - t0;
        statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
        if ((res.statusCode ?? 500) >= 300) errors++;
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      latencies[i] = performance.now() - t0;
      resolve();
    });
    req.end(body);
  });
}

async function worker(): Promise<void> {
  for (let i = next++; i < job.requests; i = next++) await request(i);
}

const t0 = performance.now();
await Promise.all(Array.from({ length: job.concurrency }, worker));
const seconds = (performance.now() - t0) / 1000;
const sorted = Array.from(latencies).sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
console.log(JSON.stringify({ requests: job.requests, seconds, rps: job.requests / seconds, p50: pct(0.5), p99: pct(0.99), max: sorted.at(-1), errors, statuses }));
agent.destroy();

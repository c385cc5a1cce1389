import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { problem } from '../core/problem.js';

/**
 * The embedded database may be opened by one process at a time. A lock file with the
 * owner's pid guards the data directory; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'cordon.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n${purpose}\n`, { flag: 'wx' });
      return () => {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [pid, what] = readFileSync(path, 'utf8').split('\n');
      if (pid && isAlive(Number(pid)))
        throw problem.conflict(
          '--data',
          `${dataDir} is in use by another Cordón process (pid ${pid}, ${what || 'running'}); stop it first, or use PostgreSQL (DATABASE_URL) to run several processes`,
          'data_dir_locked',
        );
      unlinkSync(path);
    }
  }
  throw problem.conflict('--data', `could not lock ${dataDir}`, 'data_dir_locked');
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

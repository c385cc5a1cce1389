import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Vite from 'vite';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/**
 * Builds the web app into web/dist when it is missing or older than its sources, so
 * `npm start` in a fresh clone (or after editing web/) serves the current app. Takes
 * about a second. Returns what it did, for the start-up log.
 */
export async function ensureWebBuilt(): Promise<string> {
  const built = newest(join(WEB, 'dist', 'index.html'));
  const sources = Math.max(newest(join(WEB, 'src')), newest(join(WEB, 'index.html')), newest(join(WEB, 'public')), newest(join(WEB, 'vite.config.ts')));
  if (built && built >= sources) return 'Web app is built';
  let vite: typeof Vite;
  try {
    vite = await import('vite');
  } catch {
    return built ? 'Web app sources changed but vite is not installed; serving the old build' : 'Web app not built and vite not installed (npm install, or npm run build:web)';
  }
  const t0 = performance.now();
  await vite.build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  return `Built the web app in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

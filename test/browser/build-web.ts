import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Vitest global setup: build web/dist once, since the server under test serves it.
 *  Set CORDON_SKIP_WEB_BUILD=1 to test a build made beforehand.
 *  Vitest sets NODE_ENV=test, which would make Vite build for development (no
 *  `import.meta.env.PROD`, so no service worker): the build under test is the one that ships. */
export default async function buildWeb(): Promise<void> {
  if (process.env.CORDON_SKIP_WEB_BUILD) return;
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

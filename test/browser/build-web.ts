import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Vitest global setup: build web/dist once, since the server under test serves it.
 *  Set CORDON_SKIP_WEB_BUILD=1 to test a build made beforehand. */
export default async function buildWeb(): Promise<void> {
  if (process.env.CORDON_SKIP_WEB_BUILD) return;
  await build({ configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

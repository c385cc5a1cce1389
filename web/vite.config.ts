import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The Cordón web app: built into web/dist, which the server serves at `/`.
 *  The `test` block runs the app's unit tests (`npx vitest run --config web/vite.config.ts`). */
export default defineConfig({
  root,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // In development every request that is not one of Vite's own goes to a running
    // Cordón server (`npm start`, port 8080 by default), so the app stays same-origin.
    proxy: {
      '^/(?!@|src/|node_modules/|index\\.html|favicon|$)': {
        target: process.env.CORDON_API ?? 'http://127.0.0.1:8080',
      },
    },
  },
  test: {
    root,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

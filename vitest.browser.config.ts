import { defineConfig } from 'vitest/config';

/** Browser tests: a real Cordón server serving the built web app, driven by Chromium. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/build-web.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

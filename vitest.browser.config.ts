import { defineConfig } from 'vitest/config';

/**
 * The browser suite (`npm run test:browser`): the real server and the built web app, driven in Debian's
 * Chromium by playwright-core. Files run one at a time: each starts a server and a browser, and the
 * machines have two cores.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/support/build-web-app.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

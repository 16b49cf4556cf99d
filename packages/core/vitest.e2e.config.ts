import { defineProject } from 'vitest/config';

/**
 * End-to-end tests: real headless Chromium (`launchChromium()`) against the Chatwoot stand-in, using the BUILT
 * script-tag file (`dist/wootkit.global.js`), exactly what a site loads. Run `pnpm --filter @wootkit/core build` first.
 */
export default defineProject({
  test: {
    name: 'core-e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser per file; files one after the other keep the 2-core machine responsive.
    fileParallelism: false,
  },
});

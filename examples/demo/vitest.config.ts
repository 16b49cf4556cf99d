import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'demo-e2e',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // esbuild at start, then real Chromium through the whole round trip on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'nextjs-e2e',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // `next build` (Turbopack, type check, prerender) on a shared 2-core machine, then real Chromium.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

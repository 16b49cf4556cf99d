import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'hooks-e2e',
    environment: 'node',
    include: ['test/e2e/**/*.test.ts'],
    // Vite builds of the examples plus Chromium on a shared 2-core machine.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});

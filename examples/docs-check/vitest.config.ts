import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs-check',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // One TypeScript program over every sample plus lib.dom, @types/node and the React types: a few seconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

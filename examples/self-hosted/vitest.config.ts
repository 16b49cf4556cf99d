import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'self-hosted',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});

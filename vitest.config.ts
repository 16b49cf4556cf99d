import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace';

export default defineConfig({
  test: {
    projects,
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Two cores: keep the browser projects from starving each other.
    maxWorkers: 2,
  },
});

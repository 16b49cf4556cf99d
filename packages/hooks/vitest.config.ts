import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // Test against core's source, so a stale build never hides a change.
    alias: { '@wootkit/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'hooks',
    environment: 'happy-dom',
    setupFiles: ['../../scripts/vitest-quiet-happy-dom.ts'],
    environmentOptions: {
      happyDOM: {
        // The stand-in's sdk.js and widget page must run, as in a browser.
        settings: {
          enableJavaScriptEvaluation: true,
          suppressInsecureJavaScriptEnvironmentWarning: true,
        },
      },
    },
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**'],
    testTimeout: 20_000,
  },
});

import { defineProject } from 'vitest/config';

/**
 * Unit tests in happy-dom. Chatwoot is the stand-in's own sdk.js, fetched from a real stand-in server on 127.0.0.1
 * and evaluated in the page; the widget iframe's side of the protocol is played by the test (no real browser here:
 * that is what the `core-e2e` project does).
 */
export default defineProject({
  test: {
    name: 'core',
    environment: 'happy-dom',
    setupFiles: ['../../scripts/vitest-quiet-happy-dom.ts'],
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    testTimeout: 15_000,
    environmentOptions: {
      happyDOM: { url: 'http://127.0.0.1/', settings: { disableIframePageLoading: true } },
    },
  },
});

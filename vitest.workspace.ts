/**
 * The list of test projects. Vitest 4 no longer reads a workspace file by itself, so the root
 * `vitest.config.ts` imports this list as its `test.projects`: one place names every project.
 *
 * Each package owns its configs: `vitest.config.ts` (unit tests, happy-dom or node) and, where it has
 * them, `vitest.e2e.config.ts` (real Chromium against the local Chatwoot stand-in).
 */
export default [
  'packages/*/vitest.config.ts',
  'packages/*/vitest.e2e.config.ts',
  'examples/*/vitest.config.ts',
];

import { defineConfig } from 'tsup';

const shared = {
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
} as const;

export default defineConfig([
  // ESM first. `webhooks` is `@wootkit/server/webhooks`, the Web-standard entry (no `node:` import in its graph).
  // `cli` is the `wootkit` bin (src/cli/bin.ts keeps its shebang); dependencies stay external.
  {
    ...shared,
    entry: { index: 'src/index.ts', webhooks: 'src/webhooks/web/index.ts', cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts', webhooks: 'src/webhooks/web/index.ts' } },
  },
  // CJS for Node host apps that still `require()`: the library only (the bin is ESM). ky is ESM-only, so it is
  // bundled into this build; `require('ky')` would give its namespace, not its default export, and every request
  // would fail with `ky.default.create is not a function`. The other dependencies ship CJS and stay external.
  {
    ...shared,
    clean: false,
    entry: { index: 'src/index.ts', webhooks: 'src/webhooks/web/index.ts' },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts', webhooks: 'src/webhooks/web/index.ts' } },
    noExternal: ['ky'],
    // Shared chunks, as in the ESM build: one WebhookVerificationError class whether it came from `require('@wootkit/server')`
    // or `require('@wootkit/server/webhooks')`, so `instanceof` holds across the two.
    splitting: true,
  },
]);

import { defineConfig } from 'tsup';

export default defineConfig({
  // ESM first, plus CJS for Node host apps that still `require()`.
  // `cli` is the `wootkit` bin (src/cli/bin.ts keeps its shebang).
  entry: { index: 'src/index.ts', cli: 'src/cli/bin.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
});

import { defineConfig } from 'tsup';

export default defineConfig({
  // ESM first, plus CJS for Node host apps that still `require()`.
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
});

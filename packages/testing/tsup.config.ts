import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig({
  // Node-only, ESM only. `cli` is the `wootkit-standin` bin (src/cli/bin.ts keeps its shebang).
  entry: { index: 'src/index.ts', browser: 'src/browser.ts', cli: 'src/cli/bin.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', browser: 'src/browser.ts' } },
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  // The stand-in's sdk.js and widget page are read at run time from `assets/` next to the module that reads them
  // (src/widget/pages.ts): src/widget/assets in the workspace, dist/assets once bundled into dist/*.js.
  onSuccess: async () => {
    cpSync('src/widget/assets', 'dist/assets', { recursive: true });
  },
});

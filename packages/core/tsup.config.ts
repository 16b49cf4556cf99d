import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The npm entry: ESM + types, dependencies left to the app's bundler.
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    clean: true,
    target: 'es2022',
    minify: false,
    treeshake: true,
  },
  {
    // The script-tag file: one self-contained, minified IIFE that sets `window.Wootkit`.
    entry: { wootkit: 'src/global.ts' },
    format: ['iife'],
    // No globalName: global.ts assigns window.Wootkit itself, and a global name would add esbuild's CommonJS-style
    // export helpers (~200 B gzip) for a module that exports nothing at run time.
    outExtension: () => ({ js: '.global.js' }),
    target: 'es2020',
    minify: true,
    noExternal: [/.*/],
    platform: 'browser',
  },
]);

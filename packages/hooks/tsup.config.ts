import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entries sharing one implementation; core and the frameworks stay external.
  entry: { preact: 'src/preact.ts', react: 'src/react.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2020',
  external: ['@wootkit/core', 'preact', 'preact/hooks', '@preact/signals', 'react'],
});

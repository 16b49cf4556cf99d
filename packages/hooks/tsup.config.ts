import { defineConfig } from 'tsup';

/** The built files that start with `"use client"` (paths relative to the package). */
const CLIENT_ENTRIES = ['dist/react.js'];

export default defineConfig({
  // Two entries sharing one implementation; core and the frameworks stay external.
  entry: { preact: 'src/preact.ts', react: 'src/react.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2020',
  external: ['@wootkit/core', 'preact', 'preact/hooks', '@preact/signals', 'react'],
  plugins: [
    {
      // React Server Components (Next.js App Router) may import the React entry from a server `layout.tsx` only if
      // it is marked as client code. esbuild drops module directives when bundling, so the marker is put back on
      // the built file. Preact has no server components: its entry stays as it is.
      name: 'use-client-directive',
      renderChunk(code, chunk) {
        const relative = chunk.path.slice(chunk.path.lastIndexOf('dist/'));
        if (CLIENT_ENTRIES.includes(relative)) return { code: `"use client";\n${code}` };
      },
    },
  ],
});

// @vitest-environment node
/**
 * The built entries: `@wootkit/hooks/preact` never pulls in React and `@wootkit/hooks/react` never pulls in Preact.
 * The React entry is marked `"use client"` for React Server Components.
 * Reads `dist/` (`pnpm test` builds first; built here when missing) and follows relative imports into shared chunks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** Every bare module an entry imports, itself or through its relative chunks. */
function bareImports(entry: string): Set<string> {
  const found = new Set<string>();
  const visited = new Set<string>();
  const pending = [join(dist, entry)];
  while (pending.length > 0 && visited.size < 50) {
    const file = pending.pop()!;
    if (visited.has(file)) continue;
    visited.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
      else found.add(specifier);
    }
  }
  return found;
}

describe('built entries', () => {
  beforeAll(() => {
    if (!existsSync(join(dist, 'preact.js')) || !existsSync(join(dist, 'react.js'))) {
      execFileSync('pnpm', ['exec', 'tsup'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'ignore' });
    }
  });

  test('@wootkit/hooks/preact imports preact, its hooks, signals and core: no React', () => {
    const imports = bareImports('preact.js');
    expect([...imports].sort()).toEqual(['@preact/signals', '@wootkit/core', 'preact', 'preact/hooks']);
  });

  test('@wootkit/hooks/react imports react and core: no Preact', () => {
    const imports = bareImports('react.js');
    expect([...imports].sort()).toEqual(['@wootkit/core', 'react']);
  });

  test('@wootkit/hooks/react starts with "use client", so a server layout.tsx can render ChatwootProvider', () => {
    // Next.js reads the directive only as the module's first statement (esbuild would drop it: tsup.config.ts).
    expect(readFileSync(join(dist, 'react.js'), 'utf8')).toMatch(/^"use client";\n/);
  });

  test('@wootkit/hooks/preact has no directive: Preact has no server components', () => {
    expect(readFileSync(join(dist, 'preact.js'), 'utf8')).not.toContain('use client');
  });
});

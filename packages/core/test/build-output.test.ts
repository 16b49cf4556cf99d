// @vitest-environment node
// The script-tag files as built (run `pnpm build` first, as `pnpm test` does).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it.each(['wootkit.global.js', 'wootkit.core.global.js'])(
  '%s starts with V8’s allFunctionsCalledOnLoad compile hint (it only works as the first line)',
  (file) => {
    const text = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
    expect(text.split('\n', 1)[0]).toBe('//# allFunctionsCalledOnLoad');
  },
);

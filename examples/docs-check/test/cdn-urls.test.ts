import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { markdownFiles, REPO_ROOT } from '../src/files';

// A CDN URL without a version follows every release, breaking changes included: a pasted tag must pin a major.
it('pins a version in every CDN URL of a wootkit package that the docs tell people to paste', () => {
  const unpinned: string[] = [];
  let seen = 0;
  for (const file of markdownFiles()) {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const match of text.matchAll(/https:\/\/(?:cdn\.jsdelivr\.net\/npm|unpkg\.com)\/(@wootkit\/[a-z-]+)(@[^/\s"']+)?/g)) {
      seen += 1;
      if (!match[2]) unpinned.push(`${file}: ${match[0]}`);
    }
  }
  expect(seen).toBeGreaterThan(0);
  expect(unpinned).toEqual([]);
});

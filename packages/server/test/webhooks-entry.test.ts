import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `@wootkit/server/webhooks` must load where there is no Node: its built import graph (ESM and CJS) may reach only
 * its own chunks, never a `node:` built-in (tsup writes `node:crypto` as plain `crypto`), nor a dependency such as ky
 * or libphonenumber-js. test/webhooks-workerd.test.ts then runs it in real workerd.
 */
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

/** Every module specifier reachable from `entry`, as [importing file, specifier]. */
function importGraph(entry: string): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  const seen = new Set<string>();
  const queue = [join(DIST, entry)];
  while (queue.length > 0 && seen.size < 200) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = match[1]!;
      edges.push([file.slice(DIST.length), specifier]);
      if (specifier.startsWith('./') || specifier.startsWith('../')) queue.push(join(dirname(file), specifier));
    }
  }
  return edges;
}

describe('the @wootkit/server/webhooks entry', () => {
  for (const entry of ['webhooks.js', 'webhooks.cjs']) {
    it(`${entry} reaches only its own chunks: no node: built-in, no dependency`, () => {
      const edges = importGraph(entry);
      expect(edges.length).toBeGreaterThan(0); // it does import its chunks: the walk has something to check
      expect(edges.filter(([, specifier]) => !specifier.startsWith('./'))).toEqual([]);
    });
  }

  it('the main entry does use node:crypto and ky (so the walk above can see such imports)', () => {
    const specifiers = importGraph('index.js').map(([, specifier]) => specifier);
    expect(specifiers).toEqual(expect.arrayContaining(['crypto', 'ky']));
  });

  it('shares its classes with the main entry, under import and under require()', async () => {
    const main = await import('../dist/index.js');
    const web = await import('../dist/webhooks.js');
    expect(web.WebhookVerificationError).toBe(main.WebhookVerificationError);
    expect(web.WebhookHandlerError).toBe(main.WebhookHandlerError);
    expect(web.parseWebhookEvent).toBe(main.parseWebhookEvent);
    // The main entry keeps its own handler and verifiers on node:crypto (about 6x faster on Node: pnpm bench).
    expect(main.createWebhookHandler).not.toBe(web.createWebhookHandler);
    expect(typeof main.verifyWebhook).toBe('function');
    expect('verifyWebhook' in web).toBe(false);

    const require = createRequire(import.meta.url);
    const mainCjs = require('../dist/index.cjs');
    const webCjs = require('../dist/webhooks.cjs');
    expect(webCjs.WebhookVerificationError).toBe(mainCjs.WebhookVerificationError);
    expect(typeof webCjs.createWebhookHandler).toBe('function');
    expect(typeof webCjs.verifyWebhookAsync).toBe('function');
    expect(typeof webCjs.identifierHashAsync).toBe('function');
  });
});

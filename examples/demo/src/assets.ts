/**
 * The scripts the demo page loads: `@wootkit/core`'s script-tag build (the launcher, and the core file it fetches
 * on intent from the same directory), as a site would load it from a CDN, and the page's Preact section, bundled with esbuild at start (well under a second; nothing is written to disk).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { DemoConfigError } from './config';

export interface DemoAssets {
  /** `@wootkit/core/global` (`dist/wootkit.global.js`): the launcher. */
  wootkitGlobal: string;
  /** `@wootkit/core/global-core` (`dist/wootkit.core.global.js`): core, fetched by the launcher on intent. */
  wootkitCore: string;
  /** The page's Preact section (`web/main.tsx` and what it imports), minified ESM. */
  pageScript: string;
  /** `web/styles.css`, inlined in the page. */
  pageStyles: string;
}

const PAGE_ENTRY = fileURLToPath(new URL('../web/main.tsx', import.meta.url));
const PAGE_STYLES = new URL('../web/styles.css', import.meta.url);

async function readScriptTagBuild(entry: '@wootkit/core/global' | '@wootkit/core/global-core'): Promise<string> {
  try {
    const path = createRequire(import.meta.url).resolve(entry);
    return await readFile(path, 'utf8');
  } catch {
    throw new DemoConfigError('@wootkit/core is not built yet: run `pnpm build` (or just `pnpm demo`, which builds first)');
  }
}

/**
 * The page's `@wootkit/core` is the one the script tag loads (`window.Wootkit`): one copy of core on the page, one
 * controller, and `instanceof WootkitError` agrees everywhere. The page only imports types and drives
 * `window.Wootkit.chat` (there from the launcher's first line); `createChatwoot`/`WootkitError` exist on
 * `window.Wootkit` only once the launcher has fetched core, so a runtime import of them must wait for
 * `Wootkit.loadCore()`.
 */
const coreFromScriptTag: Plugin = {
  name: 'core-from-script-tag',
  setup(build) {
    build.onResolve({ filter: /^@wootkit\/core$/ }, () => ({ path: 'window.Wootkit', namespace: 'script-tag' }));
    build.onLoad({ filter: /.*/, namespace: 'script-tag' }, () => ({
      contents: 'const w = window.Wootkit; export const createChatwoot = w.createChatwoot; export const WootkitError = w.WootkitError;',
      loader: 'js',
    }));
  },
};

async function bundlePage(): Promise<string> {
  try {
    const result = await build({
      entryPoints: [PAGE_ENTRY],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'silent',
      plugins: [coreFromScriptTag],
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    const hint = /@wootkit\//.test(String(error)) ? ' (are the packages built? run `pnpm build`)' : '';
    throw new DemoConfigError(`Could not bundle the demo page${hint}: ${(error as Error).message}`);
  }
}

export async function prepareAssets(): Promise<DemoAssets> {
  const [wootkitGlobal, wootkitCore, pageScript, pageStyles] = await Promise.all([
    readScriptTagBuild('@wootkit/core/global'),
    readScriptTagBuild('@wootkit/core/global-core'),
    bundlePage(),
    readFile(PAGE_STYLES, 'utf8'),
  ]);
  return { wootkitGlobal, wootkitCore, pageScript, pageStyles };
}

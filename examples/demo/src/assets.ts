/**
 * The two scripts the demo page loads: `@wootkit/core`'s script-tag build, as a site would load it from a CDN, and
 * the page's Preact section, bundled with esbuild at start (well under a second; nothing is written to disk).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { DemoConfigError } from './config';

export interface DemoAssets {
  /** `@wootkit/core/global` (`dist/wootkit.global.js`). */
  wootkitGlobal: string;
  /** The page's Preact section (`web/main.tsx` and what it imports), minified ESM. */
  pageScript: string;
  /** `web/styles.css`, inlined in the page. */
  pageStyles: string;
}

const PAGE_ENTRY = fileURLToPath(new URL('../web/main.tsx', import.meta.url));
const PAGE_STYLES = new URL('../web/styles.css', import.meta.url);

async function readScriptTagBuild(): Promise<string> {
  try {
    const path = createRequire(import.meta.url).resolve('@wootkit/core/global');
    return await readFile(path, 'utf8');
  } catch {
    throw new DemoConfigError('@wootkit/core is not built yet: run `pnpm build` (or just `pnpm demo`, which builds first)');
  }
}

/**
 * The page's `@wootkit/core` is the one the script tag already loaded (`window.Wootkit`): one copy of core on the
 * page, one controller, and `instanceof WootkitError` agrees everywhere. The script tag runs before the page module.
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
  const [wootkitGlobal, pageScript, pageStyles] = await Promise.all([
    readScriptTagBuild(),
    bundlePage(),
    readFile(PAGE_STYLES, 'utf8'),
  ]);
  return { wootkitGlobal, pageScript, pageStyles };
}

/**
 * Scenario (e) of `pnpm bench:widget`: the real react-live-chat-loader (its `LiveChatLoaderProvider` with
 * `provider="chatwoot"` and its `<Chatwoot />` placeholder), pointed at the local stand-in through its `baseUrl`
 * prop. It is a React library, so it runs in a React app; scenario (f) is the same React app without a chat, the fair
 * baseline for (e). Both bundles are built here with esbuild (production React, minified), once per bench run.
 */
import { build } from 'esbuild';

/** The text on react-live-chat-loader's placeholder button (what a visitor clicks). */
export const RLCL_LAUNCHER = '[aria-label="Load Chat"]';

/** A React app that renders `<main>` and, with `chat`, react-live-chat-loader's Chatwoot placeholder. */
function appSource(chat: { baseUrl: string; websiteToken: string; color: string } | null): string {
  const imports = chat ? `import { LiveChatLoaderProvider, Chatwoot } from 'react-live-chat-loader';` : '';
  const tree = chat
    ? `createElement(LiveChatLoaderProvider, { provider: 'chatwoot', providerKey: ${JSON.stringify(chat.websiteToken)},
         baseUrl: ${JSON.stringify(chat.baseUrl)} }, createElement(Chatwoot, { color: ${JSON.stringify(chat.color)} }))`
    : 'null';
  return `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
${imports}
const mount = document.createElement('div');
document.body.appendChild(mount);
createRoot(mount).render(${tree});`;
}

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The two scripts: (e) React + react-live-chat-loader, (f) the same React app without a chat. */
export async function buildReactScenarios(chat: { baseUrl: string; websiteToken: string; color: string }) {
  const [withLoader, withoutChat] = await Promise.all([bundle(appSource(chat)), bundle(appSource(null))]);
  return { withLoader, withoutChat };
}

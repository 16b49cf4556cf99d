import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Plain JS files served as they are; read once, lazily, so importing this module costs nothing.
let sdkSource: string | undefined;
let widgetScript: string | undefined;

// A path built from `import.meta.url` itself, not `new URL('./assets/…', import.meta.url)`: Vite rewrites that
// pattern into a browser asset URL (`/@fs/…`) when a test runs in a web environment (happy-dom), and the read fails.
function asset(name: string): string {
  return readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'assets', name), 'utf8');
}

/** The stand-in sdk.js, padded with a trailing comment to `paddingBytes` when asked (for size benchmarks). */
export function renderSdk(paddingBytes = 0): string {
  sdkSource ??= asset('sdk.js');
  const missing = paddingBytes - Buffer.byteLength(sdkSource);
  if (missing <= 4) return sdkSource;
  // Pseudo-random text so gzip cannot squeeze the padding to nothing (the real SDK compresses about 3:1).
  let filler = '';
  let seed = 7;
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 (){};=.,';
  while (filler.length < missing - 5) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    filler += alphabet[seed % alphabet.length];
  }
  return `${sdkSource}\n/*${filler}*/`;
}

/** JSON for a `<script type="application/json">`: `<` escaped so content can never close the tag. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export interface WidgetBoot {
  session: string;
  websiteToken: string;
  authToken: string;
  loadedDelayMs: number;
  pollIntervalMs: number;
  channelConfig: { websiteToken: string; widgetColor: string; locale: string; websiteName: string };
  contact: unknown;
  messages: unknown[];
}

/** The `/widget` page: a small chat UI plus the protocol script. */
export function renderWidgetPage(boot: WidgetBoot): string {
  widgetScript ??= asset('widget-page.js');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat (Chatwoot stand-in)</title>
<style>
  /* Opaque, like Chatwoot's widget (v4.15.1 \`app/javascript/widget/components/layouts/ViewWithHeader.vue\`: the
     view's root has a solid background): an iframe's page without a background shows the host page through it. */
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; display: flex; flex-direction: column; height: 100vh; background: #fff; color: #111; }
  [data-theme="dark"] body { background: #1b1f24; color: #eee; }
  header { display: flex; align-items: center; gap: 8px; padding: 12px 16px; background: ${boot.channelConfig.widgetColor}; color: #fff; }
  header > div:first-child { flex: 1; }
  /* Shown on a phone and with the bubble hidden (v4.15.1 \`app/javascript/widget/assets/scss/woot.scss\` \`.is-mobile\`,
     \`components/HeaderActions.vue\`): there is no close bubble then. */
  #close-window { display: none; border: 0; background: transparent; color: inherit; font-size: 24px; line-height: 1; padding: 4px 8px; cursor: pointer; }
  .is-mobile #close-window, .is-bubble-hidden #close-window { display: block; }
  #status { font-size: 12px; opacity: .85; }
  #messages { flex: 1; overflow-y: auto; list-style: none; margin: 0; padding: 12px; }
  .msg { margin: 6px 0; padding: 8px 12px; border-radius: 12px; max-width: 80%; }
  .msg--agent { background: #f1f3f5; color: #111; }
  .msg--visitor { background: ${boot.channelConfig.widgetColor}; color: #fff; margin-left: auto; }
  .postback, .option { display: block; margin-top: 6px; }
  .card { margin-top: 6px; padding: 8px; border: 1px solid #ddd; border-radius: 8px; background: #fff; }
  form { display: flex; gap: 8px; padding: 12px; border-top: 1px solid #ddd; }
  #input { flex: 1; padding: 8px; }
</style>
</head>
<body>
<header><div><strong>${escapeHtml(boot.channelConfig.websiteName)}</strong><div id="status"></div></div><button type="button" id="close-window" aria-label="Close chat window" title="Close chat window">&#x2715;</button></header>
<ul id="messages" aria-live="polite"></ul>
<form id="composer"><input id="input" name="message" autocomplete="off" placeholder="Type your message…" aria-label="Message"><button type="submit">Send</button></form>
<script type="application/json" id="fake-widget-boot">${scriptJson(boot)}</script>
<script>${widgetScript}</script>
</body>
</html>`;
}

/**
 * How a host page loads the SDK:
 * - `official`: Chatwoot's documented snippet at the end of <body> (async script, `run()` on load);
 * - `head`: sdk.js loaded and `run()` called from <head>, before <body> exists (the trap);
 * - `blank`: no SDK at all, for code under test (e.g. wootkit) to load it.
 */
export type HostPageMode = 'official' | 'head' | 'blank';

export interface HostPageOptions {
  baseUrl: string;
  websiteToken: string;
  mode?: HostPageMode;
  /** Becomes `window.chatwootSettings`. */
  settings?: Record<string, unknown>;
  /** Extra HTML appended to <body> (e.g. a script under test). */
  bodyHtml?: string;
  title?: string;
}

/** A minimal host page embedding the widget; serve it from any origin, or use the stand-in's `/__fake/host`. */
export function renderHostPage(options: HostPageOptions): string {
  const mode = options.mode ?? 'official';
  const settings = options.settings
    ? `<script>window.chatwootSettings = ${scriptJson(options.settings)};</script>`
    : '';
  const config = scriptJson({ baseUrl: options.baseUrl, websiteToken: options.websiteToken });
  const official = `<script>
(function (d, t) {
  var config = ${config};
  var g = d.createElement(t), s = d.getElementsByTagName(t)[0];
  g.src = config.baseUrl + '/packs/js/sdk.js';
  g.async = true;
  s.parentNode.insertBefore(g, s);
  g.onload = function () { window.chatwootSDK.run({ websiteToken: config.websiteToken, baseUrl: config.baseUrl }); };
})(document, 'script');
</script>`;
  const head =
    mode === 'head'
      ? `<script src="${escapeHtml(options.baseUrl)}/packs/js/sdk.js"></script>
<script>
window.__runError = null;
try { window.chatwootSDK.run(${config}); } catch (error) { window.__runError = String(error); }
</script>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title ?? 'Host page')}</title>
${settings}
${head}
</head>
<body>
<h1>${escapeHtml(options.title ?? 'Host page')}</h1>
<main id="app"></main>
${mode === 'official' ? official : ''}
${options.bodyHtml ?? ''}
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The demo page's HTML. The chat bubble comes from the script tag alone (what a plain website would paste); the
 * Preact section below it drives the same controller (`window.Wootkit.chat`) through `@wootkit/hooks`.
 * Only public values reach the page: Chatwoot's URL and the website token. `showUnreadMessagesDialog: false`: a
 * message that arrives while the chat is closed becomes the page's own unread count instead of a popup.
 */

/** What the page's script reads from `#demo-config`. */
export interface PageConfig {
  mode: 'stand-in' | 'chatwoot';
  chatwootUrl: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside a `<script>`: `<` escaped so no value can close the tag. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderPage(input: {
  baseUrl: string;
  websiteToken: string;
  mode: PageConfig['mode'];
  styles: string;
  /** The inbox's widget colour: the launcher drawn before the widget loads gets the bubble's colour. */
  widgetColor?: string;
}): string {
  const config: PageConfig = { mode: input.mode, chatwootUrl: input.baseUrl };
  const where = input.mode === 'stand-in' ? 'the embedded Chatwoot stand-in' : 'your Chatwoot';
  const color = input.widgetColor ? ` data-color="${escapeHtml(input.widgetColor)}"` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wootkit demo</title>
<style>${input.styles}</style>
</head>
<body>
<header class="hero">
  <div class="hero__inner">
    <p class="hero__kicker">wootkit demo</p>
    <h1>Chatwoot, embedded and driven end to end</h1>
    <p class="hero__lead">Log in, open the chat, send a message. The demo server receives it as a verified webhook,
      finds the customer by phone, assigns the conversation in turn and answers automatically — all through
      <code>@wootkit/server</code>, against ${escapeHtml(where)} at <code>${escapeHtml(input.baseUrl)}</code>.</p>
  </div>
</header>
<main id="app" class="layout"><p class="muted">Loading…</p></main>
<footer class="footer">The chat bubble is the script tag <code>&lt;script src="/assets/wootkit.global.js" data-website-token="…"&gt;</code>;
  the cards are Preact with <code>@wootkit/hooks/preact</code> on the same controller.</footer>
<script id="demo-config" type="application/json">${scriptJson(config)}</script>
<script src="/assets/wootkit.global.js" data-base-url="${escapeHtml(input.baseUrl)}" data-website-token="${escapeHtml(input.websiteToken)}"${color} data-launcher-title="Chat with us" data-show-unread-messages-dialog="false"></script>
<script type="module" src="/assets/demo.js"></script>
</body>
</html>
`;
}

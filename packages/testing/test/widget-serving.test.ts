/** What the widget side serves over plain HTTP: sdk.js (with its test options), /widget and the host page. */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { renderHostPage, startFakeChatwoot, type FakeChatwoot } from '../src/index';

let fake: FakeChatwoot | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('widget side over HTTP', () => {
  it('serves sdk.js as JavaScript defining chatwootSDK.run', async () => {
    fake = await startFakeChatwoot();
    const response = await fetch(`${fake.url}/packs/js/sdk.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/javascript/);
    const source = await response.text();
    expect(source).toContain('window.chatwootSDK = { run: runSDK }');
    expect(source).toContain('window.onmessage = function');
  });

  it('pads sdk.js to the requested size with text that does not gzip away', async () => {
    fake = await startFakeChatwoot({ widget: { sdkPaddingBytes: 30_000 } });
    const body = Buffer.from(await (await fetch(`${fake.url}/packs/js/sdk.js`)).arrayBuffer());
    expect(body.length).toBeGreaterThanOrEqual(29_990);
    expect(body.length).toBeLessThanOrEqual(30_000);
    // Real sdk.js: ~30 KB raw, ~9.6 KB gzip. The padding keeps the stand-in in that range.
    const gzipped = gzipSync(body).length;
    expect(gzipped).toBeGreaterThan(7_000);
    expect(gzipped).toBeLessThan(30_000);
  });

  it('answers sdk.js with the configured failure status, and recovers when reconfigured', async () => {
    fake = await startFakeChatwoot({ widget: { sdkStatus: 404 } });
    expect((await fetch(`${fake.url}/packs/js/sdk.js`)).status).toBe(404);
    fake.widget.configure({ sdkStatus: 500 });
    expect((await fetch(`${fake.url}/packs/js/sdk.js`)).status).toBe(500);
    fake.widget.configure({ sdkStatus: 200 });
    expect((await fetch(`${fake.url}/packs/js/sdk.js`)).status).toBe(200);
  });

  it('holds sdk.js for sdkDelayMs, and close() does not wait for a held answer', async () => {
    fake = await startFakeChatwoot({ widget: { sdkDelayMs: 400 } });
    const started = Date.now();
    expect((await fetch(`${fake.url}/packs/js/sdk.js`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);

    fake.widget.configure({ sdkDelayMs: 60_000 });
    const held = fetch(`${fake.url}/packs/js/sdk.js`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = Date.now();
    await fake.close();
    fake = undefined;
    expect(Date.now() - closing).toBeLessThan(2_000);
    expect(await held).toBeInstanceOf(Error);
  });

  it('serves /widget as a page that boots with a fresh visitor and an auth token, and 404s without a token', async () => {
    fake = await startFakeChatwoot();
    const response = await fetch(`${fake.url}/widget?website_token=abc`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="fake-widget-boot"');
    expect(html).toMatch(/"authToken":"fakejwt\.[0-9a-f]+"/);
    expect(fake.widget.visitors('abc')).toHaveLength(1);
    expect((await fetch(`${fake.url}/widget`)).status).toBe(404);
  });

  it('answers the page endpoints with 404 for an unknown session', async () => {
    fake = await startFakeChatwoot();
    const post = (path: string) =>
      fetch(`${fake!.url}/__fake/widget/${path}`, { method: 'POST', body: JSON.stringify({ session: 'nope', entries: [] }) });
    expect((await post('log')).status).toBe(404);
    expect((await post('set-user')).status).toBe(404);
    expect((await post('messages')).status).toBe(404);
    expect((await fetch(`${fake.url}/__fake/widget/poll?session=nope&after=0`)).status).toBe(404);
  });

  it('renders host pages for each loading mode, with settings as window.chatwootSettings', () => {
    const base = { baseUrl: 'http://127.0.0.1:1', websiteToken: 'tok' };
    const official = renderHostPage({ ...base, settings: { position: 'left', note: '</script>' } });
    expect(official).toContain("g.src = config.baseUrl + '/packs/js/sdk.js'");
    expect(official).toContain('window.chatwootSettings = {"position":"left","note":"\\u003c/script>"}');
    expect(renderHostPage({ ...base, mode: 'head' })).toMatch(/<head>[\s\S]*packs\/js\/sdk\.js[\s\S]*<\/head>/);
    expect(renderHostPage({ ...base, mode: 'blank' })).not.toContain('sdk.js');
  });
});

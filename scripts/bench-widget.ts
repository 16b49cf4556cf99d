/**
 * `pnpm bench:widget`: what embedding the chat costs a page, in real headless Chromium, side by side in one run.
 *
 * Scenarios (the same page each time, only the chat differs):
 *   (a) no widget · (b) Chatwoot's official snippet · (c) wootkit script tag, eager · (d) wootkit script tag, facade
 *   (default) · (e) react-live-chat-loader, the real library, in a React app · (f) that React app without a chat,
 *   the baseline of (e) (see RLCL_NOTE and bench-rlcl.ts).
 * Chatwoot is the local stand-in (@wootkit/testing) behind a small proxy that gives it real weights: sdk.js padded to
 * ~9.6 KB gzip like the real one, and the widget page given an app bundle and boot work of a realistic size (the
 * stand-in's own widget page is tiny).
 *
 * Per run, in a fresh browser context: load the page, let it sit for IDLE_MS (a visitor reading), then measure what
 * happened before that first interaction (JS bytes fetched by the page and its iframes, main-thread long tasks, total
 * main-thread task time), then click the launcher and time until the widget is open. Runs are interleaved across
 * scenarios and the median is printed. Everything listens on 127.0.0.1.
 */
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { startFakeChatwoot } from '@wootkit/testing';
import { launchChromium } from '@wootkit/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { buildReactScenarios, RLCL_LAUNCHER } from './bench-rlcl';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** How long the pointer rests on the launcher before the click, as a person's does (hover → click). */
const HOVER_MS = Number(process.env.BENCH_HOVER_MS ?? 300);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);
/** Real sdk.js (Chatwoot 4.x) is about 9.6 KB gzip. */
const SDK_GZIP_BYTES = Number(process.env.BENCH_SDK_GZIP ?? 9_600);
/**
 * The widget iframe's app. Assumption, not a measurement of Chatwoot: a Vue single-page app of ~250 KB gzip whose
 * boot keeps the main thread busy ~120 ms on a desktop. Change with BENCH_WIDGET_KB / BENCH_WIDGET_BOOT_MS.
 */
const WIDGET_APP_GZIP_KB = Number(process.env.BENCH_WIDGET_KB ?? 250);
const WIDGET_BOOT_MS = Number(process.env.BENCH_WIDGET_BOOT_MS ?? 120);
const TOKEN = 'bench-website-token';
/** How long a click may take to open the widget before the visit counts as "did not open". */
const OPEN_TIMEOUT_MS = 10_000;
const COLOR = '#1f93ff';

export const RLCL_NOTE =
  'react-live-chat-loader 2.11 itself (LiveChatLoaderProvider provider="chatwoot" with baseUrl pointed at the ' +
  'stand-in, and its <Chatwoot /> placeholder) in a production React 19 app; (f) is that app without a chat, so ' +
  "(e)'s CPU is compared with (f), and its JS column includes React itself (~67 KB gzip, see (f)).";

const root = fileURLToPath(new URL('..', import.meta.url));
const wootkitFile = readFileSync(`${root}packages/core/dist/wootkit.global.js`);
/** The core file the launcher fetches on intent (or at once with `data-load="eager"`). */
const wootkitCoreFile = readFileSync(`${root}packages/core/dist/wootkit.core.global.js`);

/**
 * Deterministic JS-like text (keywords and short identifiers) that gzip compresses about as well as minified JS
 * (a little over 2:1), so byte counts after gzip mean something.
 */
function filler(bytes: number, seed = 11): string {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
  const words = ['function ', 'return ', 'var ', 'this.', '.length', '(', ')', '{', '}', ';', '=', 'if(', 'else ', 'null', ','];
  for (let i = 0; i < 100; i++) {
    let word = '';
    for (let n = 2 + (next() % 6); n > 0; n--) word += letters[next() % letters.length];
    words.push(word);
  }
  let out = '';
  while (out.length < bytes) out += words[next() % words.length];
  return out.slice(0, bytes);
}

/** `prefix` followed by a filler comment, as long as it takes for the whole to weigh `gzipBytes` gzipped. */
function padToGzip(prefix: string, gzipBytes: number): string {
  let low = 0;
  let high = gzipBytes * 4;
  while (high - low > 64) {
    const mid = Math.floor((low + high) / 2);
    if (gzipSync(`${prefix}\n/*${filler(mid)}*/`).length <= gzipBytes) low = mid;
    else high = mid;
  }
  return `${prefix}\n/*${filler(low)}*/`;
}

/** A script of about `gzipKb` KB gzip that, when run, keeps the main thread busy `bootMs` (the app booting). */
function syntheticApp(gzipKb: number, bootMs: number): string {
  const boot =
    `(function () { var end = performance.now() + ${bootMs}, x = 0; while (performance.now() < end) x++; window.__booted = x; })();`;
  return padToGzip(`/* synthetic widget app */ ${boot}`, gzipKb * 1024);
}

// ---------------------------------------------------------------------------------------------------------------
// The Chatwoot side: the stand-in, behind a proxy that adds the widget app's weight.

async function startChatwoot() {
  const fake = await startFakeChatwoot();
  // sdk.js as heavy as the real one, gzip (the stand-in's own is smaller).
  const sdk = padToGzip(await (await fetch(`${fake.url}/packs/js/sdk.js`)).text(), SDK_GZIP_BYTES);
  const widgetApp = syntheticApp(WIDGET_APP_GZIP_KB, WIDGET_BOOT_MS);
  const script = (res: http.ServerResponse, body: string) => {
    res.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'no-store' });
    res.end(body);
  };

  const proxy = http.createServer((req, res) => {
    if (req.url === '/__bench/widget-app.js') return script(res, widgetApp);
    if (req.url === '/packs/js/sdk.js') return script(res, sdk);
    const upstream = http.request(
      `${fake.url}${req.url}`,
      { method: req.method, headers: { ...req.headers, host: new URL(fake.url).host } },
      (answer) => {
        const type = String(answer.headers['content-type'] ?? '');
        if (!(req.url ?? '').startsWith('/widget') || !type.includes('text/html')) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        // The widget page: its app bundle runs first, as Chatwoot's widget boots before it says `loaded`.
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const html = Buffer.concat(chunks).toString('utf8').replace('<head>', '<head><script src="/__bench/widget-app.js"></script>');
          const headers = { ...answer.headers };
          delete headers['content-length'];
          res.writeHead(answer.statusCode ?? 200, headers);
          res.end(html);
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    url,
    async close() {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await fake.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The host site: one realistic page, five ways of adding the chat.

const SITE_SCRIPT = `/* the site's own script */ var __site = ${JSON.stringify(filler(12_000, 3))};
document.addEventListener('DOMContentLoaded', function () { document.body.dataset.ready = String(__site.length); });`;

function page(chatwoot: string, chat: string): string {
  const paragraphs = Array.from({ length: 30 }, (_, i) =>
    `<p>Section ${i + 1}. ${filler(400, i + 100).replace(/[^a-z ]/gi, ' ')}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:760px;margin:0 auto;padding:24px}header{display:flex;gap:16px}</style>
<script src="/site.js" defer></script>
</head><body><header><strong>Shop</strong><a href="#">Products</a><a href="#">Pricing</a></header>
<h1>Welcome</h1>${paragraphs}
${chat.replaceAll('%CHATWOOT%', chatwoot)}
</body></html>`;
}

const OFFICIAL = `<script>
(function (d, t) {
  var BASE_URL = '%CHATWOOT%';
  var g = d.createElement(t), s = d.getElementsByTagName(t)[0];
  g.src = BASE_URL + '/packs/js/sdk.js'; g.async = true; s.parentNode.insertBefore(g, s);
  g.onload = function () { window.chatwootSDK.run({ websiteToken: '${TOKEN}', baseUrl: BASE_URL }); };
})(document, 'script');
</script>`;

const wootkitTag = (load: string | null) =>
  `<script src="/wootkit.global.js" data-base-url="%CHATWOOT%" data-website-token="${TOKEN}" data-color="${COLOR}"${load ? ` data-load="${load}"` : ''} defer></script>`;

/** Scenarios (e) and (f) are React apps: their bundles are built per run (bench-rlcl.ts) and served by the site. */
const REACT_WITH_LOADER = '<script src="/react-rlcl.js" defer></script>';
const REACT_WITHOUT_CHAT = '<script src="/react-app.js" defer></script>';

interface Scenario {
  key: string;
  name: string;
  chat: string;
  /** What a visitor clicks to open the chat (null: nothing to open). */
  launcher: string | null;
  /** The scenario this one's CPU is compared with: the same page without a chat. */
  baseline: string;
}

const ALL_SCENARIOS: Scenario[] = [
  { key: 'a', name: 'no widget', chat: '', launcher: null, baseline: 'a' },
  { key: 'b', name: 'official snippet', chat: OFFICIAL, launcher: '.woot-widget-bubble', baseline: 'a' },
  { key: 'c', name: 'wootkit eager', chat: wootkitTag('eager'), launcher: '.woot-widget-bubble', baseline: 'a' },
  { key: 'd', name: 'wootkit facade (default)', chat: wootkitTag(null), launcher: '.wootkit-launcher', baseline: 'a' },
  { key: 'e', name: 'react-live-chat-loader (React app)', chat: REACT_WITH_LOADER, launcher: RLCL_LAUNCHER, baseline: 'f' },
  { key: 'f', name: 'React app, no widget', chat: REACT_WITHOUT_CHAT, launcher: null, baseline: 'f' },
];
/** BENCH_ONLY=a,d runs a subset (a scenario's baseline runs with it). */
const only = process.env.BENCH_ONLY?.split(',');
const SCENARIOS = only
  ? ALL_SCENARIOS.filter((s) => ALL_SCENARIOS.some((t) => only.includes(t.key) && (t.key == s.key || t.baseline == s.key)))
  : ALL_SCENARIOS;

async function startSite(chatwoot: string, react: { withLoader: string; withoutChat: string }) {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (type: string, body: string | Buffer) => {
      // Served gzip, as any production site serves its JS.
      const zipped = gzipSync(body);
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'cache-control': 'no-store' });
      res.end(zipped);
    };
    if (path === '/site.js') return send('application/javascript', SITE_SCRIPT);
    if (path === '/wootkit.global.js') return send('application/javascript', wootkitFile);
    if (path === '/wootkit.core.global.js') return send('application/javascript', wootkitCoreFile);
    if (path === '/react-rlcl.js') return send('application/javascript', react.withLoader);
    if (path === '/react-app.js') return send('application/javascript', react.withoutChat);
    const scenario = SCENARIOS.find((s) => path === `/${s.key}.html`);
    if (scenario) return send('text/html; charset=utf-8', page(chatwoot, scenario.chat));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One measured visit.

interface Sample {
  jsGzipBytes: number;
  jsRawBytes: number;
  chatwootRequests: number;
  longTaskMs: number;
  /** Wall-clock time the main thread spent in tasks (inflated when other processes compete for the CPU). */
  taskMs: number;
  /** CPU time of the renderer's main thread: what the page cost, nearly independent of other load on the machine. */
  cpuMs: number;
  openMs: number | null;
  /** The click did not open the widget within OPEN_TIMEOUT_MS. */
  neverOpened: boolean;
}

declare global {
  interface Window {
    __bench: { longTaskMs: number; clickAt: number | null; openAt: number | null };
  }
}

function observeLongTasks(): void {
  window.__bench = { longTaskMs: 0, clickAt: null, openAt: null };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTaskMs += entry.duration;
  }).observe({ type: 'longtask', buffered: true });
  // The moment the visitor's press starts (before any handler of the page runs).
  addEventListener('pointerdown', () => (window.__bench.clickAt ??= performance.now()), true);
}

/** Open = the SDK has its iframe loaded, thinks it is open, and the widget's holder is on screen. */
function widgetIsOpen(): boolean {
  const chatwoot = (window as unknown as { $chatwoot?: { hasLoaded?: boolean; isOpen?: boolean } }).$chatwoot;
  const holder = document.querySelector('.woot-widget-holder');
  const open = !!chatwoot?.hasLoaded && !!chatwoot.isOpen && !!holder && getComputedStyle(holder).display !== 'none';
  if (open) window.__bench.openAt ??= performance.now();
  return open;
}

async function visit(browser: Browser, url: string, chatwootOrigin: string, scenario: Scenario): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page: Page = await context.newPage();
  await page.addInitScript(observeLongTasks);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  let interacted = false;
  const before = { gzip: 0, raw: 0, chatwoot: 0 };
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const request = response.request();
    const fromChatwoot = request.url().startsWith(chatwootOrigin);
    if (interacted) return;
    if (fromChatwoot) before.chatwoot++;
    // The site's own script is the same in every scenario: count only what the chat adds.
    if (request.resourceType() !== 'script' || request.url().endsWith('/site.js')) return;
    pending.push(
      response.body().then(
        (body) => {
          before.raw += body.length;
          before.gzip += gzipSync(body).length;
        },
        () => {},
      ),
    );
  });

  const metrics = async () => {
    const all = (await cdp.send('Performance.getMetrics')).metrics;
    const read = (name: string) => 1000 * (all.find((m) => m.name === name)?.value ?? 0);
    return { task: read('TaskDuration'), cpu: read('ThreadTime') };
  };
  const start = await metrics();
  await page.goto(`${url}/${scenario.key}.html`, { waitUntil: 'load' });
  await page.waitForTimeout(IDLE_MS);
  // The first interaction is now: everything above happened before it.
  const end = await metrics();
  const taskMs = end.task - start.task;
  const cpuMs = end.cpu - start.cpu;
  const longTaskMs = await page.evaluate(() => window.__bench.longTaskMs);
  interacted = true;
  await Promise.all(pending);

  let openMs: number | null = null;
  let neverOpened = false;
  if (scenario.launcher) {
    // A person aims at the button's place and clicks there, whatever is drawn there by then (a launcher can hand
    // over to Chatwoot's real bubble, at the same place, while the pointer rests on it).
    const box = await page.locator(scenario.launcher).first().boundingBox({ timeout: 10_000 });
    if (!box) throw new Error(`${scenario.name}: ${scenario.launcher} is not on screen`);
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.waitForTimeout(HOVER_MS);
    await page.mouse.click(x, y);
    // A click that never opens the widget is a result (a loader's bug), not a crash of the bench.
    const opened = await page.waitForFunction(widgetIsOpen, undefined, { polling: 'raf', timeout: OPEN_TIMEOUT_MS }).then(
      () => true,
      () => false,
    );
    if (opened) openMs = await page.evaluate(() => (window.__bench.openAt ?? NaN) - (window.__bench.clickAt ?? NaN));
    else neverOpened = true;
  }
  await context.close();
  return {
    jsGzipBytes: before.gzip, jsRawBytes: before.raw, chatwootRequests: before.chatwoot, longTaskMs, taskMs, cpuMs, openMs, neverOpened,
  };
}

// ---------------------------------------------------------------------------------------------------------------

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;

async function main() {
  const chatwoot = await startChatwoot();
  const site = await startSite(chatwoot.url, await buildReactScenarios({ baseUrl: chatwoot.url, websiteToken: TOKEN, color: COLOR }));
  const browser = await launchChromium();
  const results = new Map<string, Sample[]>(SCENARIOS.map((s) => [s.key, []]));
  try {
    // Warm-up visit (Chromium's first page pays for its own start-up).
    await visit(browser, site.url, chatwoot.url, SCENARIOS[0]!);
    for (let run = 0; run < RUNS; run++) {
      for (const scenario of SCENARIOS) {
        results.get(scenario.key)!.push(await visit(browser, site.url, chatwoot.url, scenario));
      }
      process.stderr.write(`bench-widget: run ${run + 1}/${RUNS} done\n`);
    }
    const version = browser.version();
    const medianOf = (key: string, pick: (s: Sample) => number) => median(results.get(key)!.map(pick));
    const rows = SCENARIOS.map((scenario) => {
      const samples = results.get(scenario.key)!;
      const cpus = samples.map((s) => s.cpuMs);
      const cpu = median(cpus);
      const baseCpu = medianOf(scenario.baseline, (s) => s.cpuMs);
      const opens = samples.map((s) => s.openMs).filter((v): v is number => v !== null);
      const never = samples.filter((s) => s.neverOpened).length;
      const open = !scenario.launcher
        ? '–'
        : `${opens.length ? ms(median(opens)) : ''}${never ? `${opens.length ? '; ' : ''}did not open in ${never} of ${samples.length} runs` : ''}`;
      return `| (${scenario.key}) ${scenario.name} | ${kb(median(samples.map((s) => s.jsGzipBytes)))} | ` +
        `${kb(median(samples.map((s) => s.jsRawBytes)))} | ${median(samples.map((s) => s.chatwootRequests))} | ` +
        `${ms(median(samples.map((s) => s.longTaskMs)))} | ${ms(median(samples.map((s) => s.taskMs)))} | ` +
        `${ms(cpu)} (${Math.round(Math.min(...cpus))}–${Math.round(Math.max(...cpus))}) | ` +
        `${((cpu / baseCpu) * 100).toFixed(0)} % of (${scenario.baseline}) | ${open} |`;
    });
    const date = new Date().toISOString().slice(0, 10);
    console.log(`\nWidget cost before the first interaction (${IDLE_MS} ms after load) and click → open, median of ${RUNS} runs`);
    console.log(`${date} · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}) · Node ${process.versions.node} · Chromium ${version} (headless)`);
    console.log(`sdk.js (stand-in) padded to ${kb(SDK_GZIP_BYTES)} gzip; widget app assumed ${WIDGET_APP_GZIP_KB} KB gzip + ${WIDGET_BOOT_MS} ms boot; pointer rests ${HOVER_MS} ms on the launcher before the click\n`);
    console.log('| scenario | JS before interaction (gzip) | (raw) | Chatwoot requests before interaction | long tasks before interaction | main-thread busy before interaction (wall) | main-thread CPU before interaction (min–max) | CPU vs the same page without a chat | click → widget open |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
    console.log(`\n(e), (f): ${RLCL_NOTE}`);

    // The goals of the facade (issue 5), on the issue's own measures: long-task time before interaction within 5 % of
    // "no widget", at most 10 KB of JS before interaction. Total main-thread CPU is reported beside them: it is a
    // stricter measure than the issue's, and on a 2-core VM the no-widget page alone varies more than 5 % per visit.
    if (results.has('d') && results.has('a')) {
      const js = medianOf('d', (s) => s.jsGzipBytes);
      const longTasks = medianOf('d', (s) => s.longTaskMs);
      const baseLongTasks = medianOf('a', (s) => s.longTaskMs);
      const goals = [
        [`facade JS before interaction ${kb(js)} <= 10 KB`, js <= 10 * 1024],
        [`facade long tasks before interaction ${ms(longTasks)} within 5 % of no widget (${ms(baseLongTasks)})`, longTasks <= baseLongTasks * 1.05],
        [`facade makes no Chatwoot request before interaction`, medianOf('d', (s) => s.chatwootRequests) === 0],
      ] as const;
      console.log('');
      for (const [goal, met] of goals) console.log(`${met ? 'goal met    ' : 'goal NOT met'}: ${goal}`);
      const cpu = medianOf('d', (s) => s.cpuMs);
      const baseCpus = results.get('a')!.map((s) => s.cpuMs);
      console.log(
        `reported    : facade main-thread CPU before interaction ${ms(cpu)} = ${((cpu / median(baseCpus)) * 100).toFixed(0)} % of no widget ` +
          `(+${ms(cpu - median(baseCpus))}; no widget alone ranged ${Math.round(Math.min(...baseCpus))}–${Math.round(Math.max(...baseCpus))} ms over ${RUNS} visits)`,
      );
      if (goals.some(([, met]) => !met)) process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await site.close();
    await chatwoot.close();
  }
}

await main();

/**
 * `pnpm --filter @wootkit/example-preact dev`: starts the Chatwoot stand-in on 127.0.0.1 (identity validation on)
 * and this app's Vite dev server pointed at it. Set CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN and
 * CHATWOOT_HMAC_TOKEN to use a real Chatwoot instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The app uses the packages as published (their dist/): build the ones that are not built yet. After changing a
// package, `pnpm build` rebuilds them all.
const builtFiles = {
  '@wootkit/core': 'core/dist/index.js',
  '@wootkit/hooks': 'hooks/dist/preact.js',
  '@wootkit/server': 'server/dist/index.js',
};
const unbuilt = Object.keys(builtFiles).filter(
  (name) => !existsSync(`${root}../../packages/${builtFiles[name as keyof typeof builtFiles]}`),
);
if (unbuilt.length > 0) {
  execFileSync('pnpm', [...unbuilt.flatMap((name) => ['--filter', name]), 'build'], { cwd: root, stdio: 'inherit' });
}

// Imported after the build: Vite loads vite.config.ts, which imports @wootkit/server.
const { startFakeChatwoot } = await import('@wootkit/testing');
const { createServer } = await import('vite');
const real = process.env.CHATWOOT_BASE_URL;
const websiteToken = process.env.CHATWOOT_WEBSITE_TOKEN ?? 'example-preact';
const hmacToken = process.env.CHATWOOT_HMAC_TOKEN ?? 'example-hmac-token';
const fake = real
  ? undefined
  : await startFakeChatwoot({ widget: { hmacTokens: { [websiteToken]: hmacToken }, hmacMandatory: true } });

process.env.VITE_CHATWOOT_BASE_URL = real ?? fake!.url;
process.env.VITE_CHATWOOT_WEBSITE_TOKEN = websiteToken;
process.env.CHATWOOT_HMAC_TOKEN = hmacToken;

const vite = await createServer({ root, configFile: `${root}vite.config.ts` });
await vite.listen();
console.log(`Chatwoot: ${process.env.VITE_CHATWOOT_BASE_URL}${fake ? ' (local stand-in)' : ''}`);
vite.printUrls();

const stop = async () => {
  await vite.close();
  await fake?.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

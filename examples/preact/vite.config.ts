import type { IncomingMessage, ServerResponse } from 'node:http';
import { identifierHash } from '@wootkit/server';
import { defineConfig, type Plugin } from 'vite';

/** The demo's signed-in visitor. */
const DEMO_USER = { identifier: 'ada-1815', name: 'Ada Lovelace', email: 'ada@example.com' };

/**
 * `GET /api/chatwoot-identity`, standing in for your back end: it knows who is signed in and hashes the identifier
 * with the inbox's HMAC token (`CHATWOOT_HMAC_TOKEN`), which never reaches the browser.
 */
function chatwootIdentityEndpoint(): Plugin {
  const handle = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (request.url !== '/api/chatwoot-identity') return next();
    const hmacToken = process.env.CHATWOOT_HMAC_TOKEN;
    const identity = hmacToken
      ? { ...DEMO_USER, identifier_hash: identifierHash(DEMO_USER.identifier, hmacToken) }
      : DEMO_USER;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(identity));
  };
  return {
    name: 'chatwoot-identity-endpoint',
    configureServer: (server) => void server.middlewares.use(handle),
    configurePreviewServer: (server) => void server.middlewares.use(handle),
  };
}

export default defineConfig({
  // No framework plugin needed: esbuild compiles the JSX for Preact.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [chatwootIdentityEndpoint()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});

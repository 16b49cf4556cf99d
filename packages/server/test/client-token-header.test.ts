import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatwootClient } from '../src/index';

/**
 * A reverse proxy on 127.0.0.1 that forwards every request to `target` but drops each header whose name contains an
 * underscore, as nginx does by default (`underscores_in_headers off`).
 */
async function startUnderscoreDroppingProxy(target: string): Promise<{ url: string; dropped: string[]; close(): Promise<void> }> {
  const upstream = new URL(target);
  const dropped: string[] = [];
  const server = http.createServer((req, res) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.includes('_')) dropped.push(name);
      else if (value !== undefined) headers[name] = value;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.setTimeout(5000, () => forward.destroy());
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropped,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the API token header', () => {
  let fake: FakeChatwoot;
  let proxy: Awaited<ReturnType<typeof startUnderscoreDroppingProxy>>;
  beforeEach(async () => {
    fake = await startFakeChatwoot();
    proxy = await startUnderscoreDroppingProxy(fake.url);
  });
  afterEach(async () => {
    await proxy.close();
    await fake.close();
  });

  it('survives a proxy that drops header names with underscores (nginx default)', async () => {
    const client = createChatwootClient({
      baseUrl: proxy.url,
      apiAccessToken: fake.api.tokens.admin,
      accountId: fake.api.accountId,
      rateLimit: false,
    });
    const profile = await client.profile.get();
    expect(profile.email).toBe('admin@example.test');
    expect(proxy.dropped).toEqual([]);
    expect(fake.api.requests({ path: '/profile' }).map((request) => [request.auth, request.status])).toEqual([['admin', 200]]);
  });

  it('is the proxy, not the stand-in, that loses an underscore header', async () => {
    const direct = await fetch(`${fake.url}/api/v1/profile`, { headers: { api_access_token: fake.api.tokens.admin } });
    const proxied = await fetch(`${proxy.url}/api/v1/profile`, { headers: { api_access_token: fake.api.tokens.admin } });
    expect([direct.status, proxied.status]).toEqual([200, 401]);
    expect(proxy.dropped).toEqual(['api_access_token']);
  });
});

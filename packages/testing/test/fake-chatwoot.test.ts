import { afterEach, describe, expect, it } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '../src/index';

describe('startFakeChatwoot', () => {
  let fake: FakeChatwoot | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('listens on 127.0.0.1 on a free port and answers unknown paths with Chatwoot-style 404 JSON', async () => {
    fake = await startFakeChatwoot();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${fake.url}/no/such/path`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Resource could not be found' });
  });

  it('closes cleanly so the port is free again', async () => {
    fake = await startFakeChatwoot();
    const { port } = fake;
    await fake.close();
    fake = await startFakeChatwoot({ port });
    expect(fake.port).toBe(port);
  });
});

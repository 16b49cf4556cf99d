import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PORT, DEFAULT_STAND_IN_PORT, DemoConfigError, readDemoConfig } from '../src/config';
import { startDemo } from '../src/start-demo';

const REAL_ENV = {
  CHATWOOT_BASE_URL: 'https://chat.example.com/',
  CHATWOOT_API_ACCESS_TOKEN: 'api-token-value-123',
  CHATWOOT_ACCOUNT_ID: '7',
  CHATWOOT_INBOX_ID: '3',
  CHATWOOT_WEBSITE_TOKEN: 'website-token-value',
  CHATWOOT_HMAC_TOKEN: 'hmac-token-value-456',
  CHATWOOT_WEBHOOK_SECRET: 'webhook-secret-value-789',
  DEMO_PUBLIC_URL: 'https://demo.example.com',
};

describe('demo configuration', () => {
  it('runs on the stand-in at fixed default ports when no CHATWOOT_* variable is set', () => {
    expect(readDemoConfig({})).toEqual({ mode: 'stand-in', port: DEFAULT_DEMO_PORT, standInPort: DEFAULT_STAND_IN_PORT });
    expect(readDemoConfig({ DEMO_PORT: '6000', CHATWOOT_STAND_IN_PORT: '0' })).toMatchObject({ port: 6000, standInPort: 0 });
    expect(() => readDemoConfig({ DEMO_PORT: 'eighty' })).toThrow(/DEMO_PORT must be a port number/);
  });

  it('points at a real Chatwoot when every variable is set', () => {
    expect(readDemoConfig(REAL_ENV)).toEqual({
      mode: 'chatwoot',
      port: DEFAULT_DEMO_PORT,
      publicUrl: 'https://demo.example.com',
      chatwoot: {
        baseUrl: 'https://chat.example.com',
        accountId: 7,
        inboxId: 3,
        websiteToken: 'website-token-value',
        apiAccessToken: 'api-token-value-123',
        hmacToken: 'hmac-token-value-456',
        webhookSecret: 'webhook-secret-value-789',
      },
    });
  });

  it('refuses half a configuration by naming what is missing, never echoing a value', () => {
    const { CHATWOOT_INBOX_ID: _inbox, DEMO_PUBLIC_URL: _url, ...partial } = REAL_ENV;
    let error: unknown;
    try {
      readDemoConfig(partial);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DemoConfigError);
    expect((error as Error).message).toContain('missing: CHATWOOT_INBOX_ID, DEMO_PUBLIC_URL');
    for (const value of Object.values(partial)) expect((error as Error).message).not.toContain(value);
    expect(() => readDemoConfig({ ...REAL_ENV, CHATWOOT_ACCOUNT_ID: 'one' })).toThrow(/CHATWOOT_ACCOUNT_ID must be a positive integer/);
  });
});

describe('demo start-up', () => {
  let blocker: http.Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => blocker?.close(resolve) ?? resolve(undefined));
    blocker = undefined;
  });

  it('says which variable to change when the demo or the stand-in port is busy', async () => {
    blocker = http.createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as AddressInfo).port;

    await expect(startDemo({ mode: 'stand-in', port: busy, standInPort: 0 })).rejects.toThrow(
      new RegExp(`Port ${busy} on 127.0.0.1 is already in use.*DEMO_PORT=`),
    );
    await expect(startDemo({ mode: 'stand-in', port: 0, standInPort: busy })).rejects.toThrow(/CHATWOOT_STAND_IN_PORT=/);
  });
});

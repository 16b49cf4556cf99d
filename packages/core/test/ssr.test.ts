// @vitest-environment node
// Importing @wootkit/core on a server touches no window or document, and a controller made there is inert.
import { describe, expect, it } from 'vitest';

describe('on a server', () => {
  it('imports without a DOM and creates an idle controller whose calls are safe', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const core = await import('../src/index');
    await import('../src/global'); // the script-tag entry too
    const chat = core.createChatwoot({ baseUrl: 'https://chat.example.com', websiteToken: 'ssr' });
    expect(chat.getState()).toEqual({ status: 'idle', isOpen: false, unreadCount: 0, user: null, error: null });
    chat.setUser('1', { name: 'Ada' });
    chat.open();
    await expect(chat.load()).resolves.toBeUndefined();
    await expect(chat.reset()).resolves.toBeUndefined();
    chat.destroy();
    expect(chat.getState().status).toBe('idle');
  });
});

// The launcher itself (drawing, accessibility, intent → load, removal). The full hand-over to the real widget is
// proven in Chromium: test/e2e/facade.e2e.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { createChatwoot } from '../src/create-chatwoot';
import { enableFacade, mountFacade } from '../src/facade';
import type { ChatwootController } from '../src/types';

let fake: FakeChatwoot;
const controllers: ChatwootController[] = [];
const removers: Array<() => void> = [];

beforeAll(async () => {
  fake = await startFakeChatwoot();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  removers.splice(0).forEach((remove) => remove());
  controllers.splice(0).forEach((controller) => controller.destroy());
});

function manualController(): ChatwootController {
  const controller = createChatwoot({ baseUrl: fake.url, websiteToken: 'facade-unit', load: 'manual' });
  controllers.push(controller);
  return controller;
}

function mount(...args: Parameters<typeof mountFacade>): HTMLButtonElement {
  removers.push(mountFacade(...args));
  const button = document.querySelector<HTMLButtonElement>('.wootkit-launcher');
  if (!button) throw new Error('no launcher drawn');
  return button;
}

describe('mountFacade', () => {
  it('draws one accessible, fixed launcher in Chatwoot’s default colour and corner', () => {
    const button = mount(manualController());
    expect(document.querySelectorAll('.wootkit-launcher')).toHaveLength(1);
    expect(button.type).toBe('button');
    expect(button.getAttribute('aria-label')).toBe('Open chat');
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    expect(button.style.position).toBe('fixed');
    expect(button.style.right).toBe('20px');
    expect(button.style.bottom).toBe('20px');
    expect(button.style.width).toBe('64px');
    expect(button.style.height).toBe('64px');
    expect(button.getAttribute('style')).toMatch(/#1f93ff|rgb\(31, 147, 255\)/);
    expect(button.querySelector('span')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('takes the inbox colour, the left corner, a label and the expanded (pill) look', () => {
    const button = mount(manualController(), { color: '#ff5500', position: 'left', label: 'Chat with us', expanded: true });
    expect(button.style.left).toBe('20px');
    expect(button.style.right).toBe('');
    expect(button.getAttribute('aria-label')).toBe('Chat with us');
    expect(button.textContent).toBe('Chat with us');
    expect(button.style.height).toBe('48px');
    expect(button.getAttribute('style')).toMatch(/#ff5500|rgb\(255, 85, 0\)/);
  });

  it('does not load anything until the visitor shows intent; hover or focus starts loading without opening', async () => {
    const controller = manualController();
    const button = mount(controller);
    expect(controller.getState().status).toBe('idle');
    button.dispatchEvent(new Event('pointerenter'));
    expect(controller.getState().status).toBe('loading');
    expect(controller.getState().isOpen).toBe(false);
    expect(button.getAttribute('aria-busy')).toBeNull();
    // Let the load settle before the stand-in closes (happy-dom cannot run the widget itself: see the e2e test).
    await controller.load().catch(() => {});
  });

  it('a click starts loading and marks the launcher busy; after a failed load it stays, ready for a retry', async () => {
    fake.widget.configure({ sdkStatus: 404 });
    try {
      const controller = manualController();
      const button = mount(controller);
      button.click();
      expect(controller.getState().status).toBe('loading');
      expect(button.getAttribute('aria-busy')).toBe('true');
      await controller.load().catch(() => {});
      expect(controller.getState().status).toBe('error');
      expect(button.isConnected).toBe(true);
      expect(button.getAttribute('aria-busy')).toBeNull();
    } finally {
      fake.widget.configure({ sdkStatus: 200 });
    }
  });

  it('its remover takes the launcher off the page and is safe to call twice', () => {
    const remove = mountFacade(manualController());
    expect(document.querySelector('.wootkit-launcher')).not.toBeNull();
    remove();
    remove();
    expect(document.querySelector('.wootkit-launcher')).toBeNull();
  });
});

describe("createChatwoot({ load: 'facade' }) after enableFacade()", () => {
  beforeAll(enableFacade);

  it('draws the launcher from the options and settings, loads nothing, and destroy() removes it', () => {
    const controller = createChatwoot({
      baseUrl: fake.url,
      websiteToken: 'facade-option',
      load: 'facade',
      facade: { color: '#123456' },
      settings: { position: 'left', launcherTitle: 'Talk to us', type: 'expanded_bubble' },
    });
    controllers.push(controller);
    const button = document.querySelector<HTMLButtonElement>('.wootkit-launcher');
    expect(button?.getAttribute('aria-label')).toBe('Talk to us');
    expect(button?.textContent).toBe('Talk to us');
    expect(button?.style.left).toBe('20px');
    expect(button?.getAttribute('style')).toMatch(/#123456|rgb\(18, 52, 86\)/);
    expect(controller.getState().status).toBe('idle');
    expect(document.querySelector('script[src$="/packs/js/sdk.js"]')).toBeNull();
    controller.destroy();
    expect(document.querySelector('.wootkit-launcher')).toBeNull();
  });

  it('draws nothing when Chatwoot’s bubble is hidden (the page’s own button opens the chat)', () => {
    const controller = createChatwoot({
      baseUrl: fake.url,
      websiteToken: 'facade-hidden',
      load: 'facade',
      settings: { hideMessageBubble: true },
    });
    controllers.push(controller);
    expect(document.querySelector('.wootkit-launcher')).toBeNull();
    expect(controller.getState()).toMatchObject({ status: 'idle', error: null });
  });
});

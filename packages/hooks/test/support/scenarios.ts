/**
 * The behaviours both bindings must have, written once with `createElement` and run by `preact.test.ts` and
 * `react.test.ts` against the real core controller and the Chatwoot stand-in.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createChatwoot, type ChatwootController } from '@wootkit/core';
import type { ChatwootUserInput, UseChatwootResult } from '../../src/shared/public-types';
import type { ChatwootBindings } from '../../src/shared/types';
import { nextTask, nextWebsiteToken, useStandIn, widgetOnPage } from './stand-in';

// Loose element types: the same scenario builds Preact and React trees.
type Element = unknown;
type H = (type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]) => Element;

export interface FrameworkUnderTest {
  name: string;
  h: H;
  useState<T>(initial: T): [T, (next: T) => void];
  hooks: ChatwootBindings<unknown, Element>;
  /** Wraps every tree rendered by the scenarios (React: StrictMode). */
  wrap(ui: Element): Element;
  render(ui: Element): { rerender(ui: Element): void; unmount(): void };
  cleanup(): void;
  waitFor<T>(check: () => T, options?: { timeout?: number }): Promise<T>;
  click(element: HTMLElement): void;
  byTestId(id: string): HTMLElement;
  byText(text: string): HTMLElement;
}

const ACTION_NAMES = [
  'openChat', 'closeChat', 'toggleChat', 'setUser', 'setCustomAttributes', 'deleteCustomAttribute', 'setLabel',
  'removeLabel', 'setLocale', 'setColorScheme', 'showBubble', 'hideBubble', 'reset',
] as const;

export function describeHookBehaviour(fw: FrameworkUnderTest): void {
  const { h, hooks } = fw;
  const { ChatwootProvider, useChatwoot, useChatwootEvent, useChatwootUser, useChatwootController } = hooks;
  const standIn = useStandIn();
  const until = <T>(check: () => T) => fw.waitFor(check, { timeout: 5000 });
  const render = (ui: Element) => {
    const result = fw.render(fw.wrap(ui));
    return { ...result, rerender: (next: Element) => result.rerender(fw.wrap(next)) };
  };
  const options = (websiteToken: string) => ({ baseUrl: standIn.fake.url, websiteToken });
  const text = (id: string) => fw.byTestId(id).textContent;

  afterEach(async () => {
    fw.cleanup();
    await nextTask();
  });

  /** A page's own chat UI: status, open state, unread badge and a Help button. */
  function HelpDesk(): Element {
    const chat = useChatwoot();
    return h(
      'div',
      null,
      h('output', { 'data-testid': 'status' }, chat.status),
      h('output', { 'data-testid': 'open' }, String(chat.isOpen)),
      h('output', { 'data-testid': 'unread' }, String(chat.unreadCount)),
      h('button', { type: 'button', onClick: chat.toggleChat }, 'Help'),
    );
  }

  describe(`${fw.name}: useChatwoot`, () => {
    test('follows the widget: ready, unread count from an agent reply, opened by the Help button', async () => {
      const websiteToken = nextWebsiteToken();
      render(h(ChatwootProvider, { options: options(websiteToken) }, h(HelpDesk)));
      await until(() => expect(text('status')).toBe('ready'));
      // Loaded once (for React this runs under StrictMode: double render, mount/unmount/mount).
      expect(widgetOnPage()).toEqual({ scripts: 1, iframes: 1, sdk: true });
      expect(standIn.fake.widget.sessions(websiteToken)).toHaveLength(1);

      standIn.fake.widget.pushAgentMessage({ websiteToken, content: 'Can I help?' });
      await until(() => expect(text('unread')).toBe('1'));

      fw.click(fw.byText('Help'));
      await until(() => expect(text('open')).toBe('true'));
      await standIn.fake.widget.waitForEvent({ websiteToken, event: 'toggle-open' });
      await until(() => expect(text('unread')).toBe('0'));
    });

    test('keeps every action function identical across renders', async () => {
      const seen: UseChatwootResult[] = [];
      function Probe(): Element {
        const chat = useChatwoot();
        seen.push(chat);
        return h('output', { 'data-testid': 'status' }, chat.status);
      }
      render(h(ChatwootProvider, { options: options(nextWebsiteToken()) }, h(Probe)));
      await until(() => expect(text('status')).toBe('ready'));

      expect(new Set(seen.map((chat) => chat.status)).size).toBeGreaterThan(1);
      for (const name of ACTION_NAMES) {
        expect(typeof seen[0]![name]).toBe('function');
        expect(seen.every((chat) => chat[name] === seen[0]![name]), name).toBe(true);
      }
    });

    test('throws a clear error outside a provider', () => {
      function Lost(): Element {
        useChatwoot();
        return null;
      }
      expect(() => render(h(Lost))).toThrow(/outside <ChatwootProvider>/);
    });
  });

  describe(`${fw.name}: ChatwootProvider lifecycle`, () => {
    test('two providers for the same inbox share one controller and load the widget once', async () => {
      const websiteToken = nextWebsiteToken();
      const controllers = new Set<ChatwootController>();
      function Grab(): Element {
        controllers.add(useChatwootController());
        return h(HelpDesk);
      }
      render(
        h(
          'div',
          null,
          h(ChatwootProvider, { options: options(websiteToken) }, h(Grab)),
          h(ChatwootProvider, { options: options(websiteToken) }, h(Grab)),
        ),
      );
      await until(() => {
        const statuses = document.querySelectorAll('[data-testid="status"]');
        expect([...statuses].map((node) => node.textContent)).toEqual(['ready', 'ready']);
      });

      expect(controllers.size).toBe(1);
      expect(widgetOnPage()).toEqual({ scripts: 1, iframes: 1, sdk: true });
      expect(standIn.fake.widget.sessions(websiteToken)).toHaveLength(1);
    });

    test('a remount (new key) keeps the loaded widget instead of loading it again', async () => {
      const websiteToken = nextWebsiteToken();
      const view = render(h(ChatwootProvider, { key: 'a', options: options(websiteToken) }, h(HelpDesk)));
      await until(() => expect(text('status')).toBe('ready'));

      view.rerender(h(ChatwootProvider, { key: 'b', options: options(websiteToken) }, h(HelpDesk)));
      expect(text('status')).toBe('ready');
      await nextTask(100);

      expect(text('status')).toBe('ready');
      expect(widgetOnPage()).toEqual({ scripts: 1, iframes: 1, sdk: true });
      expect(standIn.fake.widget.sessions(websiteToken)).toHaveLength(1);
    });

    test('unmounting the last provider destroys the widget', async () => {
      const view = render(h(ChatwootProvider, { options: options(nextWebsiteToken()) }, h(HelpDesk)));
      await until(() => expect(text('status')).toBe('ready'));
      expect(widgetOnPage()).toEqual({ scripts: 1, iframes: 1, sdk: true });

      view.unmount();
      await until(() => expect(widgetOnPage()).toEqual({ scripts: 0, iframes: 0, sdk: false }));
    });

    test('keepAlive keeps the widget after unmount, and the next provider picks it up without a reload', async () => {
      const websiteToken = nextWebsiteToken();
      const first = render(h(ChatwootProvider, { options: options(websiteToken), keepAlive: true }, h(HelpDesk)));
      await until(() => expect(text('status')).toBe('ready'));
      first.unmount();
      await nextTask(100);
      expect(widgetOnPage()).toEqual({ scripts: 1, iframes: 1, sdk: true });

      const second = render(h(ChatwootProvider, { options: options(websiteToken) }, h(HelpDesk)));
      expect(text('status')).toBe('ready');
      expect(standIn.fake.widget.sessions(websiteToken)).toHaveLength(1);

      second.unmount();
      await until(() => expect(widgetOnPage()).toEqual({ scripts: 0, iframes: 0, sdk: false }));
    });

    test('another websiteToken replaces the widget with the new inbox', async () => {
      const [before, after] = [nextWebsiteToken(), nextWebsiteToken()];
      const view = render(h(ChatwootProvider, { options: options(before) }, h(HelpDesk)));
      await until(() => expect(text('status')).toBe('ready'));

      view.rerender(h(ChatwootProvider, { options: options(after) }, h(HelpDesk)));
      await until(() => expect(text('status')).toBe('ready'));

      expect(widgetOnPage()).toEqual({ scripts: 1, iframes: 1, sdk: true });
      expect(document.querySelector('iframe#chatwoot_live_chat_widget')?.getAttribute('src')).toContain(after);
      expect(standIn.fake.widget.sessions(after)).toHaveLength(1);
    });

    test('a controller passed in is used as is and never destroyed by the provider', async () => {
      const controller = createChatwoot(options(nextWebsiteToken()));
      try {
        const view = render(h(ChatwootProvider, { controller }, h(HelpDesk)));
        await until(() => expect(text('status')).toBe('ready'));
        view.unmount();
        await nextTask(100);
        expect(controller.getState().status).toBe('ready');
        expect(widgetOnPage()).toEqual({ scripts: 1, iframes: 1, sdk: true });
      } finally {
        controller.destroy();
      }
    });
  });

  describe(`${fw.name}: useChatwootEvent`, () => {
    test('calls the latest handler and subscribes once, however often the handler changes', async () => {
      const websiteToken = nextWebsiteToken();
      const controller = createChatwoot(options(websiteToken));
      let live = 0;
      let total = 0;
      const on = controller.on.bind(controller) as (name: string, handler: (payload: unknown) => void) => () => void;
      controller.on = ((name: string, handler: (payload: unknown) => void) => {
        live++;
        total++;
        const off = on(name, handler);
        return () => {
          live--;
          off();
        };
      }) as ChatwootController['on'];

      const calls: string[] = [];
      function Listener({ tag }: { tag: string }): Element {
        useChatwootEvent('message', (message) => {
          if (message.message_type === 1) calls.push(`${tag}: ${message.content}`);
        });
        return null;
      }
      try {
        const tree = (tag: string) => h(ChatwootProvider, { controller }, h(Listener, { tag }));
        const view = render(tree('first'));
        const afterMount = total;
        view.rerender(tree('second'));
        view.rerender(tree('third'));
        expect(total).toBe(afterMount);
        expect(live).toBe(1);

        await until(() => expect(controller.getState().status).toBe('ready'));
        standIn.fake.widget.pushAgentMessage({ websiteToken, content: 'hello' });
        await until(() => expect(calls).toEqual(['third: hello']));

        view.unmount();
        expect(live).toBe(0);
      } finally {
        controller.destroy();
      }
    });
  });

  describe(`${fw.name}: useChatwootUser`, () => {
    test('identifies the visitor at login, once per distinct user, and resets the widget at logout', async () => {
      const websiteToken = nextWebsiteToken();
      const controller = createChatwoot(options(websiteToken));
      let setUserCalls = 0;
      const setUser = controller.setUser.bind(controller);
      controller.setUser = (identifier, user) => {
        setUserCalls++;
        setUser(identifier, user);
      };

      function Account(): Element {
        const [user, setAccount] = fw.useState<ChatwootUserInput | null>(null);
        useChatwootUser(user);
        const chat = useChatwoot();
        // A new but equal object each time "Refresh" is clicked, as an auth library re-renders.
        const ada = () => setAccount({ identifier: 'user-42', name: 'Ada Lovelace', email: 'ada@example.com' });
        return h(
          'div',
          null,
          h('output', { 'data-testid': 'status' }, chat.status),
          h('output', { 'data-testid': 'user' }, chat.user?.identifier ?? 'anonymous'),
          h('button', { type: 'button', onClick: ada }, 'Log in'),
          h('button', { type: 'button', onClick: ada }, 'Refresh'),
          h('button', { type: 'button', onClick: () => setAccount(null) }, 'Log out'),
        );
      }
      try {
        render(h(ChatwootProvider, { controller }, h(Account)));
        await until(() => expect(text('status')).toBe('ready'));

        fw.click(fw.byText('Log in'));
        await until(() =>
          expect(standIn.fake.widget.users(websiteToken).map((visitor) => visitor.identifier)).toEqual(['user-42']),
        );
        await until(() => expect(text('user')).toBe('user-42'));
        const callsAfterLogin = setUserCalls;
        fw.click(fw.byText('Refresh'));
        await nextTask(50);
        expect(setUserCalls).toBe(callsAfterLogin);

        fw.click(fw.byText('Log out'));
        await until(() => expect(standIn.fake.widget.sessions(websiteToken)).toHaveLength(2));
        await until(() => expect(text('user')).toBe('anonymous'));
        await until(() => expect(text('status')).toBe('ready'));
        const latest = standIn.fake.widget.sessions(websiteToken).at(-1)!;
        const visitor = standIn.fake.widget.visitors(websiteToken).find((v) => v.contactId === latest.contactId);
        expect(visitor?.identifier ?? null).toBeNull();
      } finally {
        controller.destroy();
      }
    });

    test('sends set-user once for a user known at first render, through StrictMode and a remounted page', async () => {
      const websiteToken = nextWebsiteToken();
      const ada = { identifier: 'user-7', name: 'Ada', email: 'ada@example.com' };
      // A page component that identifies on mount, as a Next.js client page does; a route change remounts it.
      function Page(): Element {
        useChatwootUser({ ...ada });
        return h('output', { 'data-testid': 'status' }, useChatwoot().status);
      }
      const tree = (page: boolean) => h(ChatwootProvider, { options: options(websiteToken) }, page ? h(Page) : null);
      const view = render(tree(true));
      await until(() => expect(text('status')).toBe('ready'));
      const setUsers = () => standIn.fake.widget.events({ websiteToken, event: 'set-user' });
      await until(() => expect(setUsers()).toHaveLength(1));
      view.rerender(tree(false));
      view.rerender(tree(true));
      await until(() => expect(text('status')).toBe('ready'));
      await nextTask(50);
      expect(setUsers()).toHaveLength(1);
      expect(standIn.fake.widget.users(websiteToken).map((visitor) => visitor.identifier)).toEqual(['user-7']);
    });
  });
}

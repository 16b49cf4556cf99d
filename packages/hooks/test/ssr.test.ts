// @vitest-environment node
/**
 * Server rendering: the provider and every hook render to HTML in plain Node, where `window` and `document` do not
 * exist (touching either would throw a ReferenceError).
 */
import { h } from 'preact';
import { renderToString as renderPreact } from 'preact-render-to-string';
import { createElement } from 'react';
import { renderToString as renderReact } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import * as preactHooks from '../src/preact';
import * as reactHooks from '../src/react';

const options = { baseUrl: 'https://chat.example.com', websiteToken: 'ssr-token' };
const user = { identifier: 'user-7', name: 'Grace Hopper', identifier_hash: 'from-the-server' };

type Hooks = typeof preactHooks | typeof reactHooks;
type H = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

function page(hooks: Hooks, h: H) {
  function ChatButton() {
    const chat = hooks.useChatwoot();
    hooks.useChatwootUser(user);
    hooks.useChatwootEvent('message', () => {});
    return h('button', { type: 'button', onClick: chat.openChat }, `Help (${chat.unreadCount}) ${chat.status} open=${chat.isOpen}`);
  }
  return h(hooks.ChatwootProvider as never, { options }, h(ChatButton as never, null));
}

describe('server rendering', () => {
  test('the environment really has no window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  test('preact-render-to-string renders the provider and the hooks', () => {
    const html = renderPreact(page(preactHooks, h as H) as never);
    expect(html).toBe('<button type="button">Help (0) idle open=false</button>');
  });

  test('preact: signals render on the server too', () => {
    function Badge() {
      return h('span', null, preactHooks.useChatwootSignal().value.status);
    }
    expect(renderPreact(h(preactHooks.ChatwootProvider, { options }, h(Badge, null)))).toBe('<span>idle</span>');
  });

  test('react-dom/server renders the provider and the hooks', () => {
    const html = renderReact(page(reactHooks, createElement as H) as never);
    expect(html).toBe('<button type="button">Help (0) idle open=false</button>');
  });

  test('each server render gets its own controller (nothing shared between requests)', () => {
    const seen: unknown[] = [];
    function Grab() {
      seen.push(reactHooks.useChatwootController());
      return null;
    }
    const tree = () => createElement(reactHooks.ChatwootProvider, { options }, createElement(Grab));
    renderReact(tree());
    renderReact(tree());
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
  });
});

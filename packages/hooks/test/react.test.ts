import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement, StrictMode, useState } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { describe, expect, test } from 'vitest';
import * as hooks from '../src/react';
import { describeHookBehaviour, type FrameworkUnderTest } from './support/scenarios';
import { nextTask, nextWebsiteToken, useStandIn } from './support/stand-in';
import { fromTestingLibrary } from './support/testing-library';

// Every scenario runs under StrictMode: double render and mount/unmount/mount must never load the widget twice.
const react: FrameworkUnderTest = {
  name: 'react (StrictMode)',
  h: createElement as FrameworkUnderTest['h'],
  useState: useState as FrameworkUnderTest['useState'],
  hooks: hooks as unknown as FrameworkUnderTest['hooks'],
  wrap: (ui) => createElement(StrictMode, null, ui as never),
  ...fromTestingLibrary({ render, cleanup, waitFor, fireEvent, screen }),
};

describeHookBehaviour(react);

describe('react: hydration of server-rendered HTML', () => {
  const standIn = useStandIn();

  test('matches what the server rendered although the widget is already loading, then follows it', async () => {
    function Status() {
      return createElement('output', null, hooks.useChatwoot().status);
    }
    const container = document.createElement('div');
    // What react-dom/server renders for this tree (the server never loads the widget: see ssr.test.ts).
    container.innerHTML = '<output>idle</output>';
    document.body.appendChild(container);
    const recoverable: unknown[] = [];
    const tree = createElement(
      hooks.ChatwootProvider,
      { options: { baseUrl: standIn.fake.url, websiteToken: nextWebsiteToken() } },
      createElement(Status),
    );
    let root: Root | undefined;
    await act(async () => {
      root = hydrateRoot(container, tree, { onRecoverableError: (error) => recoverable.push(error) });
    });
    try {
      await waitFor(() => expect(container.textContent).toBe('ready'), { timeout: 5000 });
      expect(recoverable).toEqual([]);
    } finally {
      await act(async () => root?.unmount());
      container.remove();
      await nextTask();
    }
  });
});

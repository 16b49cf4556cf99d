import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { computed } from '@preact/signals';
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test } from 'vitest';
import * as hooks from '../src/preact';
import { describeHookBehaviour, type FrameworkUnderTest } from './support/scenarios';
import { nextTask, nextWebsiteToken, useStandIn } from './support/stand-in';
import { fromTestingLibrary } from './support/testing-library';

const preact: FrameworkUnderTest = {
  name: 'preact',
  h: h as FrameworkUnderTest['h'],
  useState: useState as FrameworkUnderTest['useState'],
  hooks: hooks as unknown as FrameworkUnderTest['hooks'],
  wrap: (ui) => ui,
  ...fromTestingLibrary({ render, cleanup, waitFor, fireEvent, screen }),
};

describeHookBehaviour(preact);

describe('preact: state as signals', () => {
  const standIn = useStandIn();
  afterEach(async () => {
    cleanup();
    await nextTask();
  });

  test('useChatwootSignal gives every component the same signal, which follows the widget', async () => {
    const websiteToken = nextWebsiteToken();
    const signals = new Set<unknown>();
    function Badge() {
      const state = hooks.useChatwootSignal();
      signals.add(state);
      // A signal passed as a child updates the text without re-rendering the component.
      const unread = computed(() => String(state.value.unreadCount));
      return h('span', { 'data-testid': 'badge' }, unread);
    }
    function Status() {
      const state = hooks.useChatwootSignal();
      signals.add(state);
      return h('span', { 'data-testid': 'status' }, state.value.status);
    }
    render(h(hooks.ChatwootProvider, { options: { baseUrl: standIn.fake.url, websiteToken } }, h(Badge, null), h(Status, null)));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ready'), { timeout: 5000 });
    expect(signals.size).toBe(1);

    standIn.fake.widget.pushAgentMessage({ websiteToken, content: 'Any questions?' });
    await waitFor(() => expect(screen.getByTestId('badge').textContent).toBe('1'), { timeout: 5000 });
  });
});

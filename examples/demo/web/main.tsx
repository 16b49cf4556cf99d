import { render } from 'preact';
import type { ChatwootController } from '@wootkit/core';
import { App } from './app';
import type { PageConfig } from '../src/page';

const config = JSON.parse(document.getElementById('demo-config')!.textContent!) as PageConfig;
// The script tag (loaded just before this module) made the controller from its data-* attributes.
const controller = (window as unknown as { Wootkit?: { chat?: ChatwootController } }).Wootkit?.chat;

const root = document.getElementById('app')!;
root.textContent = '';
if (controller) render(<App controller={controller} config={config} />, root);
else root.innerHTML = '<p class="error">The wootkit script tag did not create a controller (is @wootkit/core built?).</p>';

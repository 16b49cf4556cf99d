import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; override with WOOTKIT_CHROMIUM. */
export const CHROMIUM_PATH = process.env.WOOTKIT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The flags every browser test uses. The background-networking ones matter here: this machine has no
 * network beyond loopback, and Chromium otherwise keeps dialling Google's hosts at start.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Debian's Chromium through playwright-core (which never downloads a browser of its own). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

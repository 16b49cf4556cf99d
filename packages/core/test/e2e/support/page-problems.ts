import type { Page } from 'playwright-core';

/**
 * Starts recording what would hurt a host page: uncaught errors, unhandled rejections and console errors (a
 * resource's failed load aside, which the 404 tests cause on purpose). Returns the live list; call before `goto`.
 */
export async function recordPageProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.addInitScript(() => {
    addEventListener('unhandledrejection', (event) => console.error('unhandledrejection', String(event.reason)));
  });
  return problems;
}

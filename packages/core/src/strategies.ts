import type { LoadStrategy } from './types';

/** Events that show a person is using the page (for the `interaction` strategy). */
const INTERACTIONS = ['pointerdown', 'keydown', 'scroll', 'mousemove'];

/**
 * Calls `load` when the strategy says so: `eager` now, `idle` when the browser is idle (at most 5 s later),
 * `interaction` on the first sign of a person, `{ delayMs }` after that delay, `manual` never. Returns a cancel.
 */
export function scheduleLoad(strategy: LoadStrategy, load: () => void): () => void {
  // `facade`: the launcher (facade.ts) calls load() on the visitor's first sign of intent.
  if (strategy === 'manual' || strategy === 'facade') return () => {};
  if (strategy === 'eager') {
    load();
    return () => {};
  }
  if (strategy === 'interaction') {
    const once = () => {
      stop();
      load();
    };
    const stop = () => INTERACTIONS.forEach((name) => removeEventListener(name, once, true));
    INTERACTIONS.forEach((name) => addEventListener(name, once, { capture: true, passive: true }));
    return stop;
  }
  if (strategy === 'idle' && typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(load, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(load, strategy === 'idle' ? 1 : strategy.delayMs);
  return () => clearTimeout(id);
}

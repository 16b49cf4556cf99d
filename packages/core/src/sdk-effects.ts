/**
 * Chatwoot's SDK has no destroy: it adds window/document listeners and a MutationObserver it never removes, and
 * after its iframe is gone those throw on every resize or DOM change. We run the SDK's code (its `run()` and its
 * message handler) inside `captureSdkEffects`, which records what it adds, so `undoSdkEffects` can take it all back.
 * The wrappers exist only while that code runs, and leave the page's objects as they were (no own `addEventListener`
 * on `window` or `document` afterwards).
 */
const undo: Array<() => void> = [];

export function captureSdkEffects(fn: () => void): void {
  // Each method that adds something, wrapped to record how to take it back, while `fn` runs.
  const restores = (
    [
      [window, 'addEventListener', 'removeEventListener'],
      [document, 'addEventListener', 'removeEventListener'],
      [MutationObserver.prototype, 'observe', 'disconnect'],
    ] as const
  ).map(([target, add, remove]) => {
    const methods = target as unknown as Record<string, (...args: unknown[]) => void>;
    const original = methods[add]!;
    // Usually inherited (window, document): then unwrapping deletes our property instead of leaving a copy on the page.
    const owned = Object.hasOwn(target, add);
    methods[add] = function (this: unknown, ...args) {
      // `this`: the observer; a bare `addEventListener(…)` call has none.
      const self = (this || target) as typeof methods;
      undo.push(() => self[remove]!(...args));
      original.apply(self, args);
    };
    return () => (owned ? (methods[add] = original) : delete methods[add]);
  });
  try {
    fn();
  } finally {
    restores.forEach((restore) => restore());
  }
}

export function undoSdkEffects(): void {
  undo.splice(0).forEach((step) => step());
}

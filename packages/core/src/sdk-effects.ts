/**
 * Chatwoot's SDK has no destroy: it adds window/document listeners and a MutationObserver it never removes, and
 * after its iframe is gone those throw on every resize or DOM change. We run the SDK's code (its `run()` and its
 * message handler) inside `captureSdkEffects`, which records what it adds, so `undoSdkEffects` can take it all back.
 */
const undo: Array<() => void> = [];

export function captureSdkEffects(fn: () => void): void {
  const observerProto = MutationObserver.prototype;
  const observe = observerProto.observe;
  const targets = [window, document];
  const adds = targets.map((target) => target.addEventListener);
  targets.forEach((target, index) => {
    target.addEventListener = (...args: [string, EventListener, AddEventListenerOptions?]) => {
      undo.push(() => target.removeEventListener(...args));
      adds[index]!.apply(target, args);
    };
  });
  observerProto.observe = function (this: MutationObserver, ...args: Parameters<MutationObserver['observe']>) {
    undo.push(() => this.disconnect());
    observe.apply(this, args);
  };
  try {
    fn();
  } finally {
    targets.forEach((target, index) => (target.addEventListener = adds[index]!));
    observerProto.observe = observe;
  }
}

export function undoSdkEffects(): void {
  undo.splice(0).forEach((step) => step());
}

/**
 * Chatwoot's SDK notices URL changes only through a MutationObserver, so a `pushState` without a DOM change is never
 * reported and the widget's campaigns and "current page" go stale. We hook the History API once per page and tell
 * every subscriber after each `pushState`/`replaceState`/`popstate` (a hash change fires `popstate` too).
 */
const listeners = new Set<() => void>();
let unhook: (() => void) | undefined;

function hookHistory(): () => void {
  const notify = () => listeners.forEach((listener) => listener());
  const { pushState, replaceState } = history;
  const wrap = (original: History['pushState']): History['pushState'] =>
    function (this: History, ...args) {
      original.apply(this, args);
      notify();
    };
  const push = (history.pushState = wrap(pushState));
  const replace = (history.replaceState = wrap(replaceState));
  addEventListener('popstate', notify);
  return () => {
    // Only undo our own wrapper: a router may have wrapped ours since.
    if (history.pushState === push) history.pushState = pushState;
    if (history.replaceState === replace) history.replaceState = replaceState;
    removeEventListener('popstate', notify);
  };
}

/** Calls `listener` after every client-side URL change; returns the unsubscribe. */
export function onUrlChange(listener: () => void): () => void {
  unhook ??= hookHistory();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      unhook?.();
      unhook = undefined;
    }
  };
}

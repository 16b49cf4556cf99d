/**
 * Chatwoot's SDK notices URL changes only through a MutationObserver, so a `pushState` without a DOM change is never
 * reported and the widget's campaigns and "current page" go stale. We hook the History API once per page and tell
 * every subscriber after each `pushState`/`replaceState`/`popstate` (a hash change fires `popstate` too); the
 * controller then has the SDK's own watcher report the URL (`nudgeSdkUrlWatcher`), so the widget hears it once.
 */

/**
 * Makes the SDK's own URL watcher look now. Chatwoot v4.15.1, `app/javascript/sdk/DOMHelpers.js`
 * (`onLocationChangeListener`): a MutationObserver on `<body>` (child lists, whole subtree) compares
 * `location.href` with the last URL it reported on every mutation and posts `change-url` when it differs. A comment
 * added to and removed from the SDK's own widget holder is such a mutation, invisible to the page. Posting
 * `change-url` ourselves instead would tell the widget twice whenever the router also changes the DOM (every
 * Next.js or React Router navigation): the SDK's watcher would still see its stale URL and report it again.
 */
export function nudgeSdkUrlWatcher(): void {
  const holder = document.querySelector('.woot-widget-holder');
  holder?.removeChild(holder.appendChild(document.createComment('')));
}

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

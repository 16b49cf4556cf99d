/**
 * The script tag's stand-in controller (`window.Wootkit.chat` before core has loaded): the launcher exposes it at
 * once, so a page can call it from its first line, yet only the launcher has been downloaded. Commands queue in
 * order until the real controller exists; listeners are attached to it when it arrives; until then the state is the
 * idle snapshot (`loading` while core downloads, `error` if it cannot be fetched). Afterwards every call goes
 * straight to the real controller.
 */
import { WootkitError } from './errors';
import type { ChatwootController, ChatwootState, CreateChatwootOptions, Unsubscribe } from './types';
import { safeCall } from './safe-call';
import { checkUser } from './validate';

/** Every method that is a plain command (no return value): queued before core, forwarded after. */
const COMMANDS = [
  'open', 'close', 'toggle', 'setUser', 'setCustomAttributes', 'deleteCustomAttribute', 'setConversationCustomAttributes',
  'deleteConversationCustomAttribute', 'setLabel', 'removeLabel', 'setLocale', 'setColorScheme', 'showBubble',
  'hideBubble', 'popout', 'destroy',
] as const;
/** Commands that need the widget on screen: like the real controller, they load on demand. */
const ON_DEMAND: string[] = ['open', 'toggle', 'popout'];

const noop = () => {};

interface Listener {
  /** Registers the listener on the real controller. */
  attach(real: ChatwootController): Unsubscribe;
  /** Tells the listener about a change of the stand-in's own state. */
  notify(next: ChatwootState, previous: ChatwootState): void;
  /** An `error` listener's handler, told when another listener throws. */
  error?: (error: WootkitError) => void;
  detach?: Unsubscribe;
}

/**
 * Returns a controller that calls `createReal` (download core, create the real controller) the first time it is
 * needed: on `load()`, on `open()`/`toggle()`/`popout()`, or when the launcher's strategy says so. A failed
 * `createReal` leaves the stand-in in `error` (with the `WootkitError` it rejected with); the next call retries.
 */
export function createLazyController(
  createReal: () => Promise<ChatwootController>,
  /** The `user` option the real controller will be created with. */
  userOption?: CreateChatwootOptions['user'],
): ChatwootController {
  let real: ChatwootController | undefined;
  let pending: Promise<ChatwootController> | undefined;
  /** Someone asked for the widget itself (not only core): load it as soon as the real controller exists. */
  let wantLoad = false;
  // The visitor is known before core arrives (`data-user`, setUser): `state.user` says so at once, as core's would
  // (core checks the user again and reports a bad one).
  const { identifier, ...fields } = Object(userOption);
  const firstUser = userOption && checkUser(identifier, fields);
  let state: ChatwootState = {
    status: 'idle',
    isOpen: false,
    unreadCount: 0,
    user: firstUser && !(firstUser instanceof WootkitError) ? firstUser : null,
    error: null,
  };
  const queue: [string, unknown[], ((value: unknown) => void)?, ((error: unknown) => void)?][] = [];
  const listeners = new Set<Listener>();

  /** As the real controller does: a listener that throws (or is not a function) is an `error` event, never a throw. */
  const listenerFailed = (cause: unknown) => {
    const error = new WootkitError('listener_error', 'listener threw', { cause });
    console.warn('[wootkit]', error.message);
    // What an error listener throws is dropped (as core does): reporting it would call the error listeners again.
    listeners.forEach((listener) => listener.error && safeCall(() => listener.error!(error), noop));
  };
  const setState = (patch: Partial<ChatwootState>) => {
    const previous = state;
    state = { ...state, ...patch };
    listeners.forEach((listener) => safeCall(() => listener.notify(state, previous), listener.error ? noop : listenerFailed));
  };
  const listen = (listener: Listener): Unsubscribe => {
    if (real) return listener.attach(real);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      listener.detach?.();
    };
  };

  const arrive = (controller: ChatwootController) => {
    real = controller;
    listeners.forEach((listener) => (listener.detach = listener.attach(controller)));
    for (const [name, args, resolve, reject] of queue.splice(0)) {
      const result = (controller as any)[name](...args);
      if (resolve) (result as Promise<unknown>).then(resolve, reject);
    }
    if (wantLoad) controller.load().catch(noop);
    return controller;
  };
  const fail = (cause: unknown): never => {
    pending = undefined;
    const error = cause instanceof WootkitError ? cause : new WootkitError('load_failed', 'core did not load', { cause });
    console.warn('[wootkit]', error.message);
    setState({ status: 'error', error });
    throw error;
  };
  const ensure = (): Promise<ChatwootController> => {
    if (pending) return pending;
    pending = createReal().then(arrive, fail);
    setState({ status: 'loading', error: null });
    return pending;
  };

  const proxy = {
    getState: () => (real ? real.getState() : state),
    subscribe: (listener) => listen({ attach: (c) => c.subscribe(listener), notify: listener }),
    on: (name, handler) => {
      // The stand-in reports `loading` while core downloads; the real controller then reports its own `loading`
      // for the widget. One status listener must not hear the same status twice in a row.
      let lastStatus = state.status;
      const status = (value: unknown) => value !== lastStatus && ((lastStatus = value as never), handler(value as never));
      return listen({
        attach: (c) => c.on(name, name == 'status' ? status : handler),
        error: name == 'error' ? (handler as (error: WootkitError) => void) : undefined,
        notify(next, previous) {
          if (name == 'status' && next.status != previous.status) status(next.status);
          if (name == 'error' && next.error && next.error != previous.error) (handler as (e: unknown) => void)(next.error);
        },
      });
    },
    load() {
      wantLoad = true;
      return ensure().then((controller) => controller.load());
    },
    reset: () =>
      real ? real.reset() : new Promise<void>((resolve, reject) => queue.push(['reset', [], resolve as () => void, reject])),
  } as ChatwootController;
  for (const name of COMMANDS) {
    (proxy as any)[name] = (...args: unknown[]) => {
      if (real) return (real as any)[name](...args);
      queue.push([name, args]);
      if (name == 'setUser') {
        // Core checks it again on replay (and reports a bad one); a good one shows in the state now.
        const user = checkUser(args[0], args[1]);
        if (!(user instanceof WootkitError)) setState({ user });
      }
      if (ON_DEMAND.includes(name)) ensure().catch(noop);
    };
  }
  return proxy;
}

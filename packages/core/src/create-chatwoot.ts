/**
 * The controller: one object per widget that queues calls until the widget is ready, keeps an observable state,
 * emits typed events and absorbs the traps of Chatwoot's own SDK (see docs/chatwoot-internals.md, "The widget SDK").
 */
import { clearVisitorCookies } from './cookies';
import { removeChatwootFromPage } from './destroy';
import { createEmitter } from './emitter';
import { registeredFacade } from './facade-registry';
import { WootkitError } from './errors';
import { listenToWidget } from './events';
import { loadChatwootSdk, widgetUsers } from './loader';
import { createCallQueue } from './queue';
import { postToWidget, sdk, type ChatwootSdk } from './sdk';
import { nudgeSdkUrlWatcher, onUrlChange } from './spa';
import { createStore } from './store';
import { scheduleLoad } from './strategies';
import type { ChatwootController, ChatwootEvents, ChatwootState, CreateChatwootOptions } from './types';
import { checkArgument, checkUser, normalizeOptions } from './validate';

const noop = () => {};

/** Rejects with `load_timeout` when `promise` takes longer than `ms`. */
const withTimeout = (promise: Promise<unknown>, ms: number) =>
  new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new WootkitError('load_timeout', `not ready in ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * Creates a controller for one Chatwoot website inbox. Creating it touches nothing on the page until it loads (per
 * `options.load`, default `eager`); importing this module touches no `window`/`document` (safe for SSR).
 *
 * @example
 * const chat = createChatwoot({ baseUrl: 'https://chat.example.com', websiteToken: 'abc123' });
 * chat.setUser('42', { name: 'Ada', email: 'ada@example.com' }); // queued until the widget is ready
 * chat.on('unread', ({ count }) => updateBadge(count));
 */
export function createChatwoot(input: CreateChatwootOptions): ChatwootController {
  const { options, problems } = normalizeOptions(input);
  const fatal = !options && problems[0];
  const { origin, websiteToken, settings, timeoutMs } = options ?? ({} as never);
  const inBrowser = typeof document == 'object';
  // A listener's failure is the host page's bug, not the widget's: an `error` event, never `state.error` (which
  // would notify the same listener again).
  const listenerFailed = (cause: unknown) => warn(new WootkitError('listener_error', 'listener threw', { cause }));
  const { on, emit } = createEmitter<ChatwootEvents>(listenerFailed);
  const store = createStore<ChatwootState>(
    {
      status: fatal ? 'error' : 'idle',
      isOpen: false,
      unreadCount: 0,
      user: options?.user ?? null,
      error: null,
    },
    listenerFailed,
  );
  const state = store.get;
  const set = store.set;
  const isReady = () => state().status == 'ready';

  let destroyed = false;
  let loading: Promise<void> | undefined;
  let stopListening: (() => void) | undefined;
  /** Resolves the wait for the widget's next `loaded` message (first load and after each reset). */
  let widgetLoaded: ((value?: unknown) => void) | undefined;
  /** The widget shows an unread/campaign preview: the SDK calls that "open", we do not. */
  let previewing = false;
  /** Agent messages already counted as unread since the widget was last open (`on-message` repeats on updates). */
  const counted = new Set<unknown>();

  // Derived events, so every state change emits exactly one matching event.
  store.subscribe((next, previous) => {
    if (next.status != previous.status) emit('status', next.status);
    if (next.isOpen != previous.isOpen) emit(next.isOpen ? 'open' : 'close');
    if (next.unreadCount != previous.unreadCount) emit('unread', { count: next.unreadCount });
  });

  const warn = (error: WootkitError) => {
    console.warn('[wootkit]', error.message);
    emit('error', error);
    return error;
  };
  const report = (error: WootkitError) => (set({ error }), warn(error));
  const queue = createCallQueue(isReady, (cause) =>
    report(new WootkitError('widget_error', 'call failed', { cause })),
  );
  const widget = sdk as () => ChatwootSdk;
  const setOpen = (isOpen: boolean) => {
    if (isOpen) counted.clear();
    set(isOpen ? { isOpen, unreadCount: 0 } : { isOpen });
  };

  /** Why this controller cannot take a call, or nothing. */
  const blocked = (name: string) => (destroyed ? new WootkitError('destroyed', `${name}() after destroy()`) : fatal);
  /** A public method: reports instead of throwing, then runs `action`. `check` returns a problem or nothing. */
  const method =
    (name: string, action: (...args: any[]) => unknown, check?: (...args: any[]) => WootkitError | undefined) =>
    (...args: any[]) => {
      const problem = blocked(name) || check?.(...args);
      if (problem) report(problem);
      else action(...args);
    };

  const handle = (name: string, data: any) => {
    if (name == 'loaded') {
      // Let the SDK handle `loaded` first (it builds the bubble and sends the widget its config).
      setTimeout(widgetLoaded ?? noop);
      widgetLoaded = undefined;
    } else if (name == 'setUnreadMode') {
      previewing = true;
    } else if (name == 'resetUnreadMode') {
      // After a preview: if the SDK still thinks it is open, the visitor clicked into the conversation.
      if (previewing && widget()?.isOpen) setOpen(true);
      previewing = false;
    } else if (name == 'handleNotificationDot') {
      set({ unreadCount: state().isOpen ? 0 : +data.unreadMessageCount || 0 });
    } else if (name == 'chatwoot:opened') {
      if (!previewing) setOpen(true);
    } else if (name == 'chatwoot:closed') {
      previewing = false;
      setOpen(false);
    } else if (name == 'chatwoot:on-message') {
      // message_type 1 is an agent's (or bot's) reply: unread while the widget is closed. An update (`previous_changes`:
      // the visitor answered an input_select) is not a new message (Chatwoot v4.15.1, widget/helpers/actionCable.js).
      if (data?.message_type == 1 && !data.previous_changes && !state().isOpen && !counted.has(data.id)) {
        counted.add(data.id);
        set({ unreadCount: state().unreadCount + 1 });
      }
      emit('message', data);
    } else if (name == 'chatwoot:on-start-conversation') {
      emit('start-conversation', data);
    } else if (name == 'chatwoot:postback') {
      emit('postback', { payload: data?.data?.payload });
    } else if (name == 'chatwoot:error') {
      report(new WootkitError('widget_error', `widget error ${data?.error ?? ''}`, { cause: data }));
    }
  };

  // The SDK tells the widget; we only make its watcher look (it skips a URL it has already reported).
  const tellUrl = () => isReady() && nudgeSdkUrlWatcher();

  /** Waits (with the timeout) for `start` to finish and the widget to post `loaded`, then flushes the queue. */
  const waitForWidget = (start: () => unknown) =>
    (loading = withTimeout(
      new Promise((resolve) => resolve(start())),
      timeoutMs,
    ).then(
      () => {
        loading = undefined;
        if (destroyed) return;
        set({ status: 'ready', error: null, isOpen: !previewing && widget().isOpen });
        emit('ready');
        queue.flush();
      },
      (error: WootkitError) => {
        loading = undefined;
        if (!destroyed) {
          set({ status: 'error' });
          report(error);
        }
        throw error;
      },
    ));

  const load = (): Promise<void> => {
    const problem = blocked('load');
    if (problem) return Promise.reject(report(problem));
    if (!inBrowser || isReady()) return Promise.resolve();
    if (loading) return loading;
    set({ status: 'loading' });
    widgetUsers.add(controller);
    if (!stopListening) {
      const stopWidget = listenToWidget(origin, handle);
      const stopUrl = onUrlChange(tellUrl);
      stopListening = () => (stopWidget(), stopUrl());
    }
    return waitForWidget(() =>
      loadChatwootSdk(options!).then(
        () => widget().hasLoaded || new Promise((resolve) => (widgetLoaded = resolve)),
      ),
    );
  };
  /** Methods that need the widget visible load it, whatever the strategy (the seam for a click-to-load launcher). */
  const loadOnDemand = () => state().status == 'idle' && load().catch(noop);

  /** Opens for real: from a preview the SDK believes it is already open, so close it first. */
  const openWidget = () => {
    if (previewing) widget().toggle('close');
    widget().toggle('open');
  };
  const closeWidget = () => widget().toggle('close');

  /** A method passed to the SDK method of the same name once the widget is ready. `kind` as in `checkArgument`. */
  const forward = (name: keyof ChatwootSdk, kind: 0 | 1 | unknown[]) => [
    name,
    method(
      name,
      (value) => queue.run(() => (widget()[name] as (value: unknown) => void)(value)),
      (value) => checkArgument(name, kind, value),
    ),
  ];

  const controller = {
    ...Object.fromEntries([
      forward('setCustomAttributes', 1),
      forward('deleteCustomAttribute', 0),
      forward('setConversationCustomAttributes', 1),
      forward('deleteConversationCustomAttribute', 0),
      forward('setLabel', 0),
      forward('removeLabel', 0),
      forward('setLocale', 0),
      forward('setColorScheme', ['light', 'auto', 'dark']),
    ]),
    getState: state,
    subscribe: store.subscribe,
    on,
    load,
    open: method('open', () => {
      loadOnDemand();
      queue.run(openWidget);
    }),
    close: method('close', () => queue.run(closeWidget)),
    toggle: method(
      'toggle',
      (to?: string) => {
        loadOnDemand();
        queue.run(() => ((to ?? (state().isOpen ? 'close' : 'open')) == 'open' ? openWidget() : closeWidget()));
      },
      (to) => checkArgument('toggle', [undefined, 'open', 'close'], to),
    ),
    setUser: method('setUser', (identifier, user) => {
      const checked = checkUser(identifier, user);
      if (checked instanceof WootkitError) return report(checked);
      set({ user: checked });
      // Sent by us, not the SDK: the SDK skips a user whose md5 (name, email, avatar, hash) is unchanged, so a new
      // phone number or attribute never arrives, and it loses the call before the widget is ready.
      queue.run(() => postToWidget(origin, 'set-user', checked));
    }),
    showBubble: method('showBubble', () => queue.run(() => widget().toggleBubbleVisibility('show'))),
    hideBubble: method('hideBubble', () => queue.run(() => widget().toggleBubbleVisibility('hide'))),
    popout: method('popout', () => {
      loadOnDemand();
      queue.run(() => widget().popoutChatWindow());
    }),
    reset() {
      const problem = blocked('reset');
      if (problem) return Promise.reject(report(problem));
      set({ user: null });
      if (!inBrowser) return Promise.resolve();
      clearVisitorCookies(websiteToken, settings.baseDomain);
      // Never loaded: the old visitor never reached a widget, so what was queued for them goes too.
      if (!loading && !isReady()) return Promise.resolve(queue.clear());
      return new Promise((resolve, reject) =>
        queue.run(() => {
          // The SDK reloads the iframe as a new anonymous visitor; we wait for the new widget's `loaded`.
          previewing = false;
          set({ status: 'loading', isOpen: false, unreadCount: 0 });
          waitForWidget(() => {
            const chatwoot = widget();
            // The SDK re-sends the remembered user (malformed) to every reloaded widget: make it forget.
            delete chatwoot.user;
            delete chatwoot.identifier;
            chatwoot.reset();
            clearVisitorCookies(websiteToken, settings.baseDomain);
            return new Promise((resolve) => (widgetLoaded = resolve));
          }).then(resolve, reject);
        }),
      );
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      cancelLoad();
      removeFacade();
      stopListening?.();
      queue.clear();
      loading = undefined;
      if (widgetUsers.delete(controller) && !widgetUsers.size) removeChatwootFromPage();
      set({ status: 'idle', isOpen: false, unreadCount: 0 });
    },
  } as ChatwootController;

  problems.forEach(report);
  if (options?.user) queue.run(() => postToWidget(origin, 'set-user', options.user!));
  let strategy = options?.load;
  if (strategy == 'facade' && !registeredFacade) {
    report(new WootkitError('invalid_options', "load 'facade' needs enableFacade() first"));
    strategy = 'eager';
  }
  const cancelLoad = options && inBrowser ? scheduleLoad(strategy!, () => load().catch(noop)) : noop;
  const removeFacade = strategy == 'facade' && inBrowser ? registeredFacade!(controller, input) : noop;
  return controller;
}

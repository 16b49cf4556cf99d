/**
 * The hooks, written once for both frameworks. Preact and React provide the same primitives under the same names;
 * each entry passes its own, plus `useSnapshot` (signals in Preact, `useSyncExternalStore` in React). Nothing here
 * imports a framework, so neither entry pulls in the other.
 */
import type { ChatwootController, ChatwootState } from '@wootkit/core';
import { actionsFor, handled } from './actions';
import { acquireController, missingProvider, releaseController, retainController } from './provider-lifecycle';
import type { ChatwootBindings, ChatwootProviderProps, ChatwootUserInput, UseChatwootResult } from './types';

type Cleanup = void | (() => void);

type Of<Children, Element, K extends keyof ChatwootBindings<Children, Element>> = ChatwootBindings<Children, Element>[K];

/** The hooks in a fixed order: provider, useChatwoot, useChatwootEvent, useChatwootUser, useChatwootController. */
export type BindingsTuple<Children, Element> = [
  Of<Children, Element, 'ChatwootProvider'>,
  Of<Children, Element, 'useChatwoot'>,
  Of<Children, Element, 'useChatwootEvent'>,
  Of<Children, Element, 'useChatwootUser'>,
  Of<Children, Element, 'useChatwootController'>,
];

/**
 * Builds the hooks from one framework's primitives (the subset Preact and React share), passed positionally so
 * they minify to one letter. `useSnapshot` reads the controller's state so the calling component re-renders when
 * it changes.
 */
export function createBindings<Children, Element>(
  createContext: (defaultValue: null) => { Provider: unknown },
  useContext: (context: never) => unknown,
  useEffect: (effect: () => Cleanup, deps: unknown[]) => void,
  useRef: <T>(initial: T) => { current: T },
  createElement: (type: never, props: { value: ChatwootController }, children: unknown) => unknown,
  useSnapshot: (controller: ChatwootController) => ChatwootState,
): BindingsTuple<Children, Element> {
  const Context = createContext(null);

  function ChatwootProvider(props: ChatwootProviderProps<Children>): Element {
    const { controller: given, keepAlive } = props;
    const controller = given ?? acquireController(props.options);
    // A keepAlive change re-runs this: release then retain in one commit, which never destroys.
    useEffect(() => {
      if (given) return;
      retainController(controller);
      return () => releaseController(controller, keepAlive);
    }, [controller, keepAlive]);
    return createElement(Context.Provider as never, { value: controller }, props.children) as Element;
  }

  function useChatwootController(): ChatwootController {
    const controller = useContext(Context as never) as ChatwootController | null;
    if (!controller) throw missingProvider();
    return controller;
  }

  function useChatwoot(): UseChatwootResult {
    const controller = useChatwootController();
    const state = useSnapshot(controller);
    // The state's fields are exactly the result's: status, isOpen, unreadCount, user, error.
    return { ...actionsFor(controller), ...state, isReady: state.status === 'ready' };
  }

  function useChatwootEvent(name: string, handler: (payload: never) => void): void {
    const controller = useChatwootController();
    // The ref always holds the last rendered handler, so a new closure each render never re-subscribes.
    const latest = useRef(handler);
    latest.current = handler;
    useEffect(() => controller.on(name, (payload) => latest.current(payload as never)), [controller, name]);
  }

  function useChatwootUser(user: ChatwootUserInput | null | undefined): void {
    const controller = useChatwootController();
    // Compared by content: an inline object literal each render must not re-identify.
    const key = JSON.stringify(user);
    useEffect(() => {
      if (user) {
        const { identifier, ...fields } = user;
        // Already the controller's visitor: StrictMode's second mount, or a page remounted by a route change
        // (Next.js), must not send `set-user` again.
        if (JSON.stringify(controller.getState().user) != JSON.stringify({ identifier: '' + identifier, user: fields })) {
          controller.setUser(identifier, fields);
        }
      } else if (user === null && controller.getState().user) {
        // Logout: only a visitor who is identified needs a fresh widget.
        handled(controller.reset());
      }
    }, [controller, key]);
  }

  // A tuple, not an object: the entries destructure it, and positions cost no bytes where names would.
  return [
    ChatwootProvider,
    useChatwoot,
    useChatwootEvent as ChatwootBindings<Children, Element>['useChatwootEvent'],
    useChatwootUser,
    useChatwootController,
  ];
}

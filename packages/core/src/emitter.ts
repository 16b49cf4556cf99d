/**
 * A typed event emitter in a few lines (mitt's idea, smaller: `on` returns its own unsubscribe and we need no
 * wildcard), shared by the controller's events and its state store.
 */
import { safeCall } from './safe-call';

export interface Emitter<Events extends Record<string, unknown>> {
  on<K extends keyof Events & string>(name: K, handler: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events & string>(name: K, ...payload: Events[K] extends undefined ? [] : [Events[K]]): void;
}

/**
 * `onError` hears what a handler throws (or that it is not a function); the other handlers are still called. What an
 * `error` handler throws is dropped: reporting it would emit `error` again.
 */
export function createEmitter<Events extends Record<string, unknown>>(onError: (cause: unknown) => void): Emitter<Events> {
  // No prototype: an event named `constructor` or `toString` must not find Object.prototype's members.
  const handlers: Record<string, Set<(...payload: any[]) => void>> = Object.create(null);
  return {
    on: (name, handler) => ((handlers[name] ??= new Set()).add(handler), () => handlers[name]!.delete(handler)),
    // A copy: a handler may unsubscribe (or subscribe another) while we call them. Every argument is passed on: the
    // store's listeners take two.
    emit: (name, ...payload) =>
      [...(handlers[name] ?? [])].forEach((handler) =>
        safeCall(() => handler(...payload), (cause) => name != 'error' && onError(cause)),
      ),
  };
}

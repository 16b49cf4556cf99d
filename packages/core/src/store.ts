/** A tiny observable value: a new snapshot object per change, so `useSyncExternalStore` and signals see it. */
import { createEmitter } from './emitter';

export interface Store<T extends object> {
  get(): T;
  /** Merges `patch`; notifies listeners only when a field really changed. */
  set(patch: Partial<T>): void;
  subscribe(listener: (next: T, previous: T) => void): () => void;
}

/** `onError` hears what a listener throws (or that it is not a function); the other listeners are still told. */
export function createStore<T extends object>(state: T, onError: (cause: unknown) => void): Store<T> {
  // The emitter's one event (''), with two arguments: the new snapshot and the previous one.
  const { on, emit } = createEmitter<any>(onError) as unknown as {
    on(name: '', listener: (next: T, previous: T) => void): () => void;
    emit(name: '', next: T, previous: T): void;
  };
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      if ((Object.keys(patch) as Array<keyof T>).some((key) => patch[key] !== previous[key])) {
        emit('', (state = { ...previous, ...patch }), previous);
      }
    },
    subscribe: (listener) => on('', listener),
  };
}

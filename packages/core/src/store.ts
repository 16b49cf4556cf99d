/** A tiny observable value: a new snapshot object per change, so `useSyncExternalStore` and signals see it. */
export interface Store<T extends object> {
  get(): T;
  /** Merges `patch`; notifies listeners only when a field really changed. */
  set(patch: Partial<T>): void;
  subscribe(listener: (next: T, previous: T) => void): () => void;
}

export function createStore<T extends object>(state: T): Store<T> {
  const listeners = new Set<(next: T, previous: T) => void>();
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      if ((Object.keys(patch) as Array<keyof T>).some((key) => patch[key] !== previous[key])) {
        state = { ...previous, ...patch };
        // A copy: a listener may unsubscribe (or subscribe another) while we notify.
        [...listeners].forEach((listener) => listener(state, previous));
      }
    },
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
}

/**
 * Calls made before the widget is ready wait here, in order, and run once it is. Chatwoot's SDK drops them instead
 * (it posts to an iframe that is not listening yet).
 */
import { safeCall } from './safe-call';

export interface CallQueue {
  /** Runs `call` now if the widget is ready and nothing older is waiting; otherwise keeps it for `flush`. */
  run(call: () => void): void;
  /** Runs waiting calls in order while the widget stays ready (a queued `reset()` makes it not ready). */
  flush(): void;
  clear(): void;
}

export function createCallQueue(isReady: () => boolean, onError: (cause: unknown) => void): CallQueue {
  const waiting: Array<() => void> = [];
  // One rejected call must neither throw into the host page nor stop the ones behind it.
  return {
    run: (call) => (isReady() && !waiting.length ? safeCall(call, onError) : waiting.push(call)),
    flush() {
      while (isReady() && waiting.length) safeCall(waiting.shift()!, onError);
    },
    clear: () => (waiting.length = 0),
  } as CallQueue;
}

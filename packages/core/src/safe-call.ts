/**
 * Runs code the host page wrote (a listener) or that may fail (a queued call): what it throws goes to `onError`,
 * never to whoever made the call, so one bad listener or call can neither throw into the page nor stop the ones
 * after it.
 */
export function safeCall(call: () => unknown, onError: (cause: unknown) => void): void {
  try {
    call();
  } catch (cause) {
    onError(cause);
  }
}

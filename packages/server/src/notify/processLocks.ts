/**
 * One-at-a-time turns per key inside this process: each caller waits for the caller before it, then runs. A key's
 * chain is dropped as soon as its last turn ends, so idle keys leave nothing behind.
 */
const tails = new Map<string, Promise<void>>();

/** How many keys have a turn running or waiting: 0 when idle (for tests that check nothing leaks). */
export function busyProcessLocks(): number {
  return tails.size;
}

/**
 * Waits for the turn of `key` in this process, at most until `deadline` (epoch ms) or until `signal` aborts (then it
 * rejects with the signal's reason). Resolves with `release`, which the caller must call when done, or with `null`
 * when the deadline came first. Giving up hands the turn on at once: the callers behind do not wait for one that left.
 */
export async function takeProcessTurn(
  key: string,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<(() => void) | null> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  // Cleanup hangs on the chain itself: the entry goes once every turn in it has ended, whoever ends last.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });

  try {
    if (await settlesBefore(previous, deadline, signal)) return release;
    release();
    return null;
  } catch (error) {
    release();
    throw error;
  }
}

/** True when `promise` resolves before `deadline`, false when the deadline comes first; rejects if `signal` aborts. */
function settlesBefore(promise: Promise<void>, deadline: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => finish(() => resolve(false)), Math.max(0, deadline - Date.now()));
    const onAbort = () => finish(() => reject(signal!.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => finish(() => resolve(true)));
    function finish(settle: () => void) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
  });
}

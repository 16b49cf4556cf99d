/** What `forEachBounded` saw: how many items it took and whether it stopped early because of the signal. */
export interface BoundedRunSummary {
  taken: number;
  aborted: boolean;
}

/**
 * Runs `work` over a (possibly endless, possibly async) iterable with at most `concurrency` items in flight,
 * pulling the next item only when a slot frees up: the input is never materialised, so memory stays flat whatever
 * its length.
 *
 * When `signal` aborts, no new item is taken; the ones in flight settle, then the promise resolves with
 * `aborted: true` (and the source iterator is closed). `work` must not throw: report failures through its own
 * result. An error thrown by the source itself stops the run and rejects once in-flight work has settled.
 */
export async function forEachBounded<T>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<BoundedRunSummary> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError('concurrency must be a positive integer');
  }
  const iterator = openIterator(source);
  let taken = 0;
  let finished = false;
  let sourceError: { error: unknown } | undefined;
  // Async iterators must not be asked for two items at once: pulls go through one chain.
  let pulling: Promise<unknown> = Promise.resolve();

  const pull = (): Promise<IteratorResult<T>> => {
    const next = pulling.then(async (): Promise<IteratorResult<T>> => {
      if (finished || signal?.aborted) return { done: true, value: undefined };
      try {
        const result = await iterator.next();
        if (result.done) finished = true;
        return result;
      } catch (error) {
        finished = true;
        sourceError ??= { error };
        return { done: true, value: undefined };
      }
    });
    pulling = next;
    return next;
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const result = await pull();
      if (result.done) return;
      taken++;
      await work(result.value);
    }
  };

  await Promise.all(Array.from({ length: concurrency }, worker));
  const aborted = !finished && signal?.aborted === true;
  if (aborted || sourceError) await closeQuietly(iterator);
  if (sourceError) throw sourceError.error;
  return { taken, aborted };
}

function openIterator<T>(source: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  if (source && typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    return (source as AsyncIterable<T>)[Symbol.asyncIterator]();
  }
  if (source && typeof (source as Iterable<T>)[Symbol.iterator] === 'function') {
    return (source as Iterable<T>)[Symbol.iterator]();
  }
  throw new TypeError('customers must be an iterable or an async iterable');
}

async function closeQuietly(iterator: AsyncIterator<unknown> | Iterator<unknown>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // The source failing to close must not hide the reason we stopped.
  }
}

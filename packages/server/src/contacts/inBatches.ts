/**
 * Groups a (possibly async) iterable into arrays of up to `size` items, pulling only as many items as one batch
 * needs. If the source throws, the items already pulled are still handed out as a last batch before the error, so
 * nothing taken from the source goes unaccounted.
 */
export async function* inBatches<T>(source: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[], void, undefined> {
  let batch: T[] = [];
  try {
    for await (const item of source) {
      batch.push(item);
      if (batch.length >= size) {
        const full = batch;
        batch = [];
        yield full;
      }
    }
  } catch (error) {
    if (batch.length > 0) {
      const partial = batch;
      batch = [];
      yield partial;
    }
    throw error;
  }
  if (batch.length > 0) yield batch;
}

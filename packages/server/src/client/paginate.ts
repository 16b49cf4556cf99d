/** Upper bound of pages any iterator fetches, so a misbehaving server cannot make it loop forever. */
export const MAX_PAGES = 100_000;

/**
 * Walks numbered pages from 1 until a page comes back empty or `total` items have been seen.
 * `fetchPage` returns the page's items and, when the server says it, the total count.
 */
export async function* paginate<T>(
  fetchPage: (page: number) => Promise<{ items: T[]; total?: number }>,
): AsyncGenerator<T, void, undefined> {
  let seen = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items, total } = await fetchPage(page);
    if (items.length === 0) return;
    yield* items;
    seen += items.length;
    if (total !== undefined && seen >= total) return;
  }
}

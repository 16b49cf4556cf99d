import type { ChatwootClient } from '../client/createChatwootClient';
import type { ContactMatchOptions, Customer } from './Customer';
import { forEachBounded } from './forEachBounded';
import { upsertContact, type UpsertAction } from './upsertContact';

/** Options of {@link syncContacts}. */
export interface SyncContactsOptions extends ContactMatchOptions {
  /**
   * Customers in flight at once. Default 8. The client's rate limiter still caps requests per minute, so raising
   * this only helps when latency, not the limit, is the bottleneck.
   */
  concurrency?: number;
  /** Called after each customer settles, with the running counts. Keep it cheap: it runs on the hot path. */
  onProgress?: (progress: SyncProgress) => void;
  /**
   * Stops the sync: no new customer is taken, the ones in flight finish, and `syncContacts` resolves with the
   * partial report and `aborted: true` (it does not reject). Re-running the same input later is safe: finished
   * customers come back `unchanged`.
   */
  signal?: AbortSignal;
}

/** One customer that could not be synced, and why (a typed error: `InvalidCustomerError`, `PhoneNumberError`,
 * `ChatwootApiError`, …). */
export interface SyncFailure<C extends Customer = Customer> {
  customer: C;
  error: Error;
}

/** The outcome of {@link syncContacts}: every customer taken from the input is counted exactly once. */
export interface SyncReport<C extends Customer = Customer> {
  /** Customers taken from the input (= created + updated + unchanged + failed.length). */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: Array<SyncFailure<C>>;
  /** True when `signal` stopped the sync before the input ended. */
  aborted: boolean;
}

/** Running counts passed to `onProgress`. */
export interface SyncProgress {
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** The customer that just settled and what happened to it. */
  last: { customer: Customer; action: UpsertAction } | { customer: Customer; error: Error };
}

/**
 * Syncs customers into Chatwoot's contacts with `upsertContact`, `concurrency` at a time, under the client's rate
 * limiter. `customers` may be any iterable or async iterable (an array, a generator reading a CSV or paging a
 * database): it is pulled one item at a time as slots free up and never held in memory, so a million rows cost what
 * eight do.
 *
 * - Idempotent: a second run of the same data finds every contact unchanged and makes no write.
 * - Failures are isolated: an invalid phone, a missing key or a Chatwoot refusal lands that customer in
 *   `report.failed` with its typed error; the rest carry on. Transient errors were already retried by the client.
 * - Only an error thrown by the input itself (e.g. a broken stream) rejects, after in-flight customers settle.
 *
 * ```ts
 * const report = await syncContacts(chatwoot, readCustomers('customers.csv'), { defaultCountry: 'MX' });
 * console.log(report.created, report.updated, report.unchanged, report.failed.length);
 * ```
 */
export async function syncContacts<C extends Customer>(
  client: Pick<ChatwootClient, 'contacts'>,
  customers: Iterable<C> | AsyncIterable<C>,
  options: SyncContactsOptions = {},
): Promise<SyncReport<C>> {
  const { concurrency = 8, onProgress, signal } = options;
  const matchOptions: ContactMatchOptions =
    options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry };
  const report: SyncReport<C> = { total: 0, created: 0, updated: 0, unchanged: 0, failed: [], aborted: false };

  const progress = (last: SyncProgress['last']): void => {
    if (!onProgress) return;
    const { created, updated, unchanged, failed } = report;
    try {
      onProgress({ done: report.total, created, updated, unchanged, failed: failed.length, last });
    } catch {
      // A failing progress callback must not lose the customer's outcome.
    }
  };

  const summary = await forEachBounded(
    customers,
    concurrency,
    async (customer) => {
      try {
        const { action } = await upsertContact(client, customer, matchOptions);
        report[action]++;
        report.total++;
        progress({ customer, action });
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        report.failed.push({ customer, error });
        report.total++;
        progress({ customer, error });
      }
    },
    signal,
  );
  report.aborted = summary.aborted;
  return report;
}

import type { ChatwootClient } from '../client/createChatwootClient';
import type { ContactLockOptions, ContactMatchOptions, Customer } from './Customer';
import { assertContactLockOptions } from './contactCreateLock';
import type { Contact } from '../types/contact';
import { toDesiredContact, type DesiredContact } from './contactInput';
import { findCandidates, findContactByKeys, pickMatch } from './findContact';
import { forEachBounded } from './forEachBounded';
import { inBatches } from './inBatches';
import { applyDesiredContact, type UpsertAction } from './upsertContact';

/** Options of {@link syncContacts}. */
export interface SyncContactsOptions extends ContactMatchOptions {
  /**
   * Customers in flight at once. Default 8. The client's rate limiter still caps requests per minute, so raising
   * this only helps when latency, not the limit, is the bottleneck.
   */
  concurrency?: number;
  /**
   * Customers looked up together in one exact-filter request (default 10, and never more than `concurrency`).
   * Batching is what makes a re-sync cheap: one request per batch instead of one per customer. Set 1 to look each
   * customer up on its own. Customers are grouped as they are pulled, so a batch waits for its last customer.
   */
  lookupBatchSize?: number;
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
 * - Cheap: customers are looked up in batches (`lookupBatchSize`, one exact-filter request per batch), then each is
 *   created or updated only if needed.
 * - Idempotent: a second run of the same data finds every contact unchanged and makes no write.
 * - No duplicates: customers with one phone number are created one at a time (with `store`, across the instances
 *   running syncs too), since Chatwoot would accept two overlapping creates of one phone.
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
  const { concurrency = 8, lookupBatchSize = 10, onProgress, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  if (!Number.isInteger(lookupBatchSize) || lookupBatchSize < 1) {
    throw new RangeError('lookupBatchSize must be a positive integer');
  }
  assertContactLockOptions(options);
  const matchOptions: ContactMatchOptions =
    options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry };
  const lock: ContactLockOptions = { store: options.store, lockTtlMs: options.lockTtlMs, lockWaitMs: options.lockWaitMs };
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

  const succeed = (customer: C, action: UpsertAction) => {
    report[action]++;
    report.total++;
    progress({ customer, action });
  };
  const fail = (customer: C, caught: unknown) => {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    report.failed.push({ customer, error });
    report.total++;
    progress({ customer, error });
  };

  const syncBatch = async (batch: C[]): Promise<void> => {
    const valid: Array<{ customer: C; desired: DesiredContact }> = [];
    for (const customer of batch) {
      try {
        valid.push({ customer, desired: toDesiredContact(customer, matchOptions) });
      } catch (error) {
        fail(customer, error);
      }
    }
    if (valid.length === 0) return;
    let candidates: Contact[] | undefined;
    try {
      candidates = await findCandidates(client, valid.map(({ desired }) => desired.keys));
    } catch {
      // The shared lookup failed even after the client's retries: look each customer up on its own, so that one
      // failure is reported per customer with its own error rather than sinking the whole batch.
      candidates = undefined;
    }
    await Promise.all(
      valid.map(async ({ customer, desired }) => {
        try {
          const existing = candidates ? pickMatch(candidates, desired.keys) : await findContactByKeys(client, desired.keys);
          const { action } = await applyDesiredContact(client, desired, existing, lock);
          succeed(customer, action);
        } catch (error) {
          fail(customer, error);
        }
      }),
    );
  };

  // `concurrency` customers in flight: `workers` batches of `batchSize`, each looked up in one request.
  const workers = Math.ceil(concurrency / Math.max(1, Math.min(lookupBatchSize, concurrency)));
  const batchSize = Math.floor(concurrency / workers);
  const summary = await forEachBounded(inBatches(customers, batchSize), workers, syncBatch, signal);
  report.aborted = summary.aborted;
  return report;
}

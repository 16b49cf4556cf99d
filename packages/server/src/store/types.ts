/**
 * The little state `@wootkit/server` keeps (webhook delivery dedupe, round-robin counters, the outbox), behind one
 * interface so a host app on several instances can share it. Implementations: in-memory (the default, one
 * process) and Redis (several processes / a Redis Cluster).
 */
export interface Store {
  /** Atomically adds `by` (default 1) to the integer at `key` (0 when absent) and returns the new value. */
  increment(key: string, by?: number): Promise<number>;
  /** Sets `key` only if it is absent; returns true when this call set it. The key expires after `ttlMs`. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  /** Sets `key`, optionally expiring after `ttlMs`. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Deletes `key` only if it still holds exactly `value`, in one atomic step; returns true when it deleted it. For
   * releasing a lease taken with {@link Store.setIfAbsent}: a holder whose lease expired and was taken by someone
   * else cannot delete the new holder's lease (a `get` then `delete` could, between the two calls).
   */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /** A named durable queue with visibility timeouts (at-least-once hand-out; the outbox makes delivery at-most-once). */
  queue(name: string): DurableQueue;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

export interface QueueItem {
  id: string;
  payload: string;
  /** How many times this item has been handed out, this time included. */
  attempts: number;
}

/** A small value kept beside a queue item (the outbox keeps its status there), with its own expiry. */
export interface QueueRecord {
  value: string;
  ttlMs: number;
}

export interface DurableQueue {
  /**
   * Adds an item; pushing an id that is already queued does nothing (returns false). With `record`, the item's record
   * is written in the same atomic step, and only when the id has no record yet (false otherwise, nothing written): the
   * record is an idempotency claim that outlives the item until its TTL, and a crash cannot leave one without the other.
   */
  push(id: string, payload: string, options?: { delayMs?: number; record?: QueueRecord }): Promise<boolean>;
  /** The record kept beside item `id` (see {@link DurableQueue.push}), or null when none or expired. */
  getRecord(id: string): Promise<string | null>;
  /**
   * Replaces the record of a reserved item, only while the reservation is still yours (fenced as
   * {@link DurableQueue.ack} is): a worker whose visibility lapsed cannot overwrite what the new holder wrote. False
   * when nothing was written.
   */
  setRecord(item: QueueItem, value: string, ttlMs: number): Promise<boolean>;
  /** Hands out the next visible item and hides it for `visibilityMs`; null when none is visible. */
  reserve(visibilityMs: number): Promise<QueueItem | null>;
  /**
   * Removes an item for good. Pass the {@link QueueItem} you reserved (not just its id) to act only while it is still
   * yours: if its visibility lapsed and another worker reserved it since, nothing happens and this returns false.
   */
  ack(item: QueueItem | string): Promise<boolean>;
  /**
   * Makes an item visible again after `delayMs` (0 = now), optionally with a new payload. With the reserved
   * {@link QueueItem}, only while it is still yours (as for {@link DurableQueue.ack}). False when nothing changed.
   */
  release(item: QueueItem | string, delayMs: number, payload?: string): Promise<boolean>;
  /** Items queued, visible or not. */
  size(): Promise<number>;
}

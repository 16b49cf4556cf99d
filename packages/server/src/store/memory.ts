import type { DurableQueue, QueueItem, QueueRecord, Store } from './types';
import { StoreError } from './StoreError';
import { assertDelay, assertInteger, assertTtl } from './validate';

export interface MemoryStoreOptions {
  /** Clock in milliseconds, for tests. Defaults to `Date.now`. */
  now?: () => number;
}

interface Entry {
  value: string;
  /** Epoch ms after which the entry is gone; `Infinity` when it never expires. */
  expiresAt: number;
}

interface MemoryQueueEntry {
  payload: string;
  attempts: number;
  visibleAt: number;
  /** Insertion order, so items visible at the same moment come out first-in first-out. */
  seq: number;
}

/** Expired keys are dropped when read, and swept at most this often on writes so dedupe keys cannot pile up. */
const SWEEP_INTERVAL_MS = 10_000;

/**
 * A {@link Store} in this process's memory: the default, for a host app that runs as one instance. Every operation is
 * atomic because it runs to completion without awaiting. State is lost on restart and not shared between processes;
 * use {@link createRedisStore} for that.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const queues = new Map<string, MemoryQueue>();
  let closed = false;
  let lastSweep = now();

  function assertOpen(): void {
    if (closed) throw new StoreError('store_closed', 'The memory store was used after close(); create a new one.');
  }

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function write(key: string, value: string, ttlMs: number | undefined): void {
    entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : now() + ttlMs });
    const t = now();
    if (t - lastSweep >= SWEEP_INTERVAL_MS) {
      lastSweep = t;
      for (const [k, entry] of entries) if (entry.expiresAt <= t) entries.delete(k);
    }
  }

  return {
    async increment(key, by = 1) {
      assertOpen();
      assertInteger(by, 'by');
      const entry = live(key);
      const current = entry ? Number(entry.value) : 0;
      if (!Number.isSafeInteger(current)) {
        throw new StoreError('store_command_failed', `The value at "${key}" is not an integer, so it cannot be incremented.`);
      }
      const next = current + by;
      // Incrementing keeps an existing expiry, as Redis INCRBY does.
      entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? Infinity });
      return next;
    },
    async setIfAbsent(key, value, ttlMs) {
      assertOpen();
      assertTtl(ttlMs);
      if (live(key)) return false;
      write(key, value, ttlMs);
      return true;
    },
    async get(key) {
      assertOpen();
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlMs) {
      assertOpen();
      if (ttlMs !== undefined) assertTtl(ttlMs);
      write(key, value, ttlMs);
    },
    async delete(key) {
      assertOpen();
      entries.delete(key);
    },
    async deleteIfEquals(key, value) {
      assertOpen();
      if (live(key)?.value !== value) return false;
      return entries.delete(key);
    },
    queue(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new MemoryQueue(now, assertOpen);
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      closed = true;
      entries.clear();
      queues.clear();
    },
  };
}

class MemoryQueue implements DurableQueue {
  private readonly items = new Map<string, MemoryQueueEntry>();
  /** Records outlive their item until they expire; dropped when read after that, and swept on push. */
  private readonly records = new Map<string, Entry>();
  private seq = 0;

  constructor(
    private readonly now: () => number,
    private readonly assertOpen: () => void,
  ) {}

  async push(id: string, payload: string, options: { delayMs?: number; record?: QueueRecord } = {}): Promise<boolean> {
    this.assertOpen();
    const delayMs = options.delayMs ?? 0;
    assertDelay(delayMs);
    if (options.record) assertTtl(options.record.ttlMs);
    this.sweepRecords();
    if (this.items.has(id)) return false;
    if (options.record) {
      if (this.liveRecord(id)) return false;
      this.records.set(id, { value: options.record.value, expiresAt: this.now() + options.record.ttlMs });
    }
    this.items.set(id, { payload, attempts: 0, visibleAt: this.now() + delayMs, seq: this.seq++ });
    return true;
  }

  async getRecord(id: string): Promise<string | null> {
    this.assertOpen();
    return this.liveRecord(id)?.value ?? null;
  }

  async setRecord(item: QueueItem, value: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    assertTtl(ttlMs);
    if (!this.holds(item)) return false;
    this.records.set(item.id, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  private liveRecord(id: string): Entry | undefined {
    const record = this.records.get(id);
    if (record && record.expiresAt <= this.now()) {
      this.records.delete(id);
      return undefined;
    }
    return record;
  }

  private lastSweep = 0;
  private sweepRecords(): void {
    const t = this.now();
    if (t - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = t;
    for (const [id, record] of this.records) if (record.expiresAt <= t) this.records.delete(id);
  }

  async reserve(visibilityMs: number): Promise<QueueItem | null> {
    this.assertOpen();
    assertTtl(visibilityMs, 'visibilityMs');
    const t = this.now();
    let pickedId: string | undefined;
    let picked: MemoryQueueEntry | undefined;
    // A linear scan: the memory store serves one process, whose queues stay small.
    for (const [id, item] of this.items) {
      if (item.visibleAt > t) continue;
      if (!picked || item.visibleAt < picked.visibleAt || (item.visibleAt === picked.visibleAt && item.seq < picked.seq)) {
        pickedId = id;
        picked = item;
      }
    }
    if (pickedId === undefined || !picked) return null;
    picked.visibleAt = t + visibilityMs;
    picked.attempts += 1;
    return { id: pickedId, payload: picked.payload, attempts: picked.attempts };
  }

  async ack(item: QueueItem | string): Promise<boolean> {
    this.assertOpen();
    const id = typeof item === 'string' ? item : item.id;
    if (!this.holds(item)) return false;
    return this.items.delete(id);
  }

  async release(item: QueueItem | string, delayMs: number, payload?: string): Promise<boolean> {
    this.assertOpen();
    assertDelay(delayMs);
    const entry = this.items.get(typeof item === 'string' ? item : item.id);
    if (!entry || !this.holds(item)) return false;
    entry.visibleAt = this.now() + delayMs;
    entry.seq = this.seq++;
    if (payload !== undefined) entry.payload = payload;
    return true;
  }

  /** An id always matches; a reserved item only while no later reservation replaced it. */
  private holds(item: QueueItem | string): boolean {
    if (typeof item === 'string') return this.items.has(item);
    return this.items.get(item.id)?.attempts === item.attempts;
  }

  async size(): Promise<number> {
    this.assertOpen();
    return this.items.size;
  }
}

import { randomUUID } from 'node:crypto';
import { InvalidNotificationError } from '../notify/InvalidNotificationError';
import { toMessageInput } from '../notify/postMessage';
import type { QueueItem } from '../store/types';
import { backoffDelay } from './backoff';
import { deliverMessage, NoMorePostsError, type Delivered } from './deliverMessage';
import { isTransient, toFailure } from './failure';
import { outboxKeys, recipientKey } from './keys';
import { OutboxError } from './OutboxError';
import type { Outbox, OutboxEvent, OutboxFailure, OutboxMessage, OutboxOptions, OutboxStatus } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Pause before taking again a message whose recipient another message holds. */
const BUSY_RECIPIENT_DELAY_MS = 150;
/** Pause of a worker after the store failed (Redis down). */
const STORE_ERROR_PAUSE_MS = 1000;

/** A queued message as stored: the input with its inbox resolved. */
type StoredMessage = OutboxMessage & { inboxId: number };

/**
 * Creates a durable outbox: `send()` persists a message in the store first, then workers deliver it through the
 * notify steps (find or create the contact and conversation, post). Chatwoot unreachable, 5xx, 429 or a timeout:
 * the message stays queued and is retried with exponential backoff and jitter; a 4xx (bad phone, unknown inbox,
 * validation) fails it for good with the reason kept.
 *
 * Each message is posted at most once, even with several workers on one Redis: a worker claims the delivery in the
 * store (`setIfAbsent`) before posting, and a post whose answer was lost is settled by looking for the message in
 * the conversation before any re-send (Chatwoot keeps no `echo_id` and does not deduplicate).
 *
 * ```ts
 * const outbox = createOutbox({ client: chatwoot, store: createRedisStore({ url }), inboxId: WHATSAPP_INBOX });
 * outbox.start();
 * const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Your order shipped', key: `order:${order.id}` });
 * await outbox.status(id); // { state: 'queued' | 'sent' | 'failed', attempts, error?, conversationId?, messageId? }
 * ```
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { client, store } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 10;
  const visibilityMs = options.visibilityMs ?? 60_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const settleAfterMs = options.settleAfterMs ?? 30_000;
  const retentionMs = options.retentionMs ?? 7 * DAY_MS;
  const keys = outboxKeys(options.name ?? 'wootkit:outbox');
  const queue = store.queue(keys.queue);

  let running = false;
  let lanes: Promise<void>[] = [];
  const sleepers = new Set<() => void>();

  function emit(event: OutboxEvent): void {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's bug must not stop deliveries.
    }
  }

  async function readStatus(id: string): Promise<OutboxStatus | null> {
    // The status is the queue item's record: written with the push, and fenced by the reservation afterwards.
    const raw = await queue.getRecord(id);
    return raw === null ? null : (JSON.parse(raw) as OutboxStatus);
  }

  /**
   * Writes the status of a reserved item, only while the reservation is still ours: a worker whose step outlived
   * `visibilityMs` must not write over what the new holder wrote (a stale `queued` over `sent` would stay forever).
   * False when the item was handed to another worker since; the caller then leaves the item alone.
   */
  async function writeStatus(item: QueueItem, status: OutboxStatus): Promise<boolean> {
    status.updatedAt = now();
    return queue.setRecord(item, JSON.stringify(status), retentionMs);
  }

  function toStored(message: OutboxMessage): StoredMessage {
    const inboxId = message.inboxId ?? options.inboxId;
    if (inboxId === undefined) {
      throw new OutboxError('outbox_invalid_message', 'No inboxId: pass one to send() or to createOutbox()');
    }
    if (!Number.isInteger(inboxId) || inboxId <= 0) {
      throw new InvalidNotificationError('inboxId must be a positive integer', 'inboxId');
    }
    if (!message.to || typeof message.to !== 'object') {
      throw new InvalidNotificationError('to needs one of contactId, phone, email or identifier', 'to');
    }
    toMessageInput(message); // throws for a message with neither content nor template
    return { ...message, inboxId };
  }

  async function send(message: OutboxMessage): Promise<{ id: string; status: OutboxStatus }> {
    const stored = toStored(message);
    const id = message.key ?? randomUUID();
    const at = now();
    const status: OutboxStatus = { id, state: 'queued', attempts: 0, createdAt: at, updatedAt: at };
    // Item and status in one atomic step: a crash (Redis dying) cannot leave a `queued` status with nothing queued.
    // The status record doubles as the idempotency claim of `key`, and outlives the item by `retentionMs`.
    const record = { value: JSON.stringify(status), ttlMs: retentionMs };
    if (!(await queue.push(id, JSON.stringify(stored), { record }))) {
      // Already sent (or queued) under this key; no record only when an item was pushed without one (not by send()).
      return { id, status: (await readStatus(id)) ?? status };
    }
    emit({ type: 'queued', id, status });
    return { id, status };
  }

  /** Handles one reserved item; returns once it is acked or released (or lost to another worker). */
  async function handle(item: QueueItem): Promise<void> {
    const at = now();
    const status = (await readStatus(item.id)) ?? { id: item.id, state: 'queued', attempts: 0, createdAt: at, updatedAt: at };
    const message = parseStored(item.payload);
    if (!message) {
      // Not written by send() (another program on the same queue name, `null`, a bare string): fail it once with the
      // reason instead of handing it out forever.
      await fail(item, status, {
        code: 'outbox_invalid_message',
        message: 'The queued payload is not a message: expected a JSON object with `to` and a positive integer `inboxId`',
      });
      return;
    }
    if (status.state !== 'queued') {
      await queue.ack(item); // handed out again after it was settled
      return;
    }

    let lockKey: string;
    let body;
    const country = message.defaultCountry ?? options.defaultCountry;
    try {
      body = toMessageInput(message);
      lockKey = keys.recipientLock(recipientKey(message.to, country), message.inboxId);
    } catch (error) {
      await fail(item, status, toFailure(error));
      return;
    }
    const holder = await store.get(lockKey);
    if (holder !== item.id && !(await store.setIfAbsent(lockKey, item.id, visibilityMs))) {
      await queue.release(item, BUSY_RECIPIENT_DELAY_MS + Math.round(random() * BUSY_RECIPIENT_DELAY_MS));
      return;
    }

    status.attempts += 1;
    try {
      const delivered = await deliverMessage(
        {
          client,
          store,
          claimKey: (generation) => keys.claim(item.id, generation),
          settleAfterMs,
          retentionMs,
          mayPost: status.attempts <= maxAttempts,
          now,
        },
        message,
        body,
        country,
      );
      await succeed(item, status, delivered);
    } catch (error) {
      if (error instanceof NoMorePostsError) {
        const last = status.error ?? { code: 'outbox_attempts_exhausted', message: 'no attempt succeeded' };
        await fail(item, status, { ...last, message: `Gave up after ${maxAttempts} attempts: ${last.message}` });
      } else if (!isTransient(error)) {
        await fail(item, status, toFailure(error));
      } else if (error instanceof OutboxError && error.code === 'outbox_post_pending') {
        await postpone(item, status, error.retryInMs ?? settleAfterMs);
      } else {
        // Past the last attempt, one more hand-out only settles what an unanswered post did, then fails.
        await retry(item, status, toFailure(error));
      }
    } finally {
      // Only our own hold: between a read and a delete another worker's could have taken its place.
      await store.deleteIfEquals(lockKey, item.id).catch(() => undefined);
    }
  }

  async function succeed(item: QueueItem, status: OutboxStatus, delivered: Delivered): Promise<void> {
    status.state = 'sent';
    status.sentAt = now();
    if (delivered.contactId !== undefined) status.contactId = delivered.contactId;
    status.conversationId = delivered.conversationId;
    status.messageId = delivered.messageId;
    delete status.nextAttemptAt;
    // Not ours any more: the new holder finds this post through the delivery claim and records it.
    if (!(await writeStatus(item, status))) return;
    await queue.ack(item);
    emit({ type: 'sent', id: status.id, status });
  }

  async function fail(item: QueueItem, status: OutboxStatus, error: OutboxFailure): Promise<void> {
    status.state = 'failed';
    status.error = error;
    delete status.nextAttemptAt;
    if (!(await writeStatus(item, status))) return;
    await queue.ack(item);
    emit({ type: 'failed', id: status.id, status, error });
  }

  async function retry(item: QueueItem, status: OutboxStatus, error: OutboxFailure): Promise<void> {
    const backoff = backoffDelay(options.backoff, Math.max(1, status.attempts), random);
    const delayMs = status.attempts >= maxAttempts ? Math.min(backoff, settleAfterMs) : backoff;
    status.error = error;
    status.nextAttemptAt = now() + delayMs;
    // False when the visibility lapsed and another worker owns the item now: it carries on from the store's state.
    if (!(await writeStatus(item, status))) return;
    await queue.release(item, delayMs);
    emit({ type: 'retry', id: status.id, status, delayMs, error });
  }

  /** Waiting for an unanswered post to settle: not an attempt of its own, and no event. */
  async function postpone(item: QueueItem, status: OutboxStatus, delayMs: number): Promise<void> {
    status.attempts -= 1;
    status.nextAttemptAt = now() + delayMs;
    if (!(await writeStatus(item, status))) return;
    await queue.release(item, Math.max(0, Math.ceil(delayMs)));
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  /** Takes and handles one item; false when none was visible. Store failures are reported and paused on. */
  async function step(): Promise<boolean> {
    try {
      const item = await queue.reserve(visibilityMs);
      if (!item) return false;
      await handle(item);
      return true;
    } catch (error) {
      emit({ type: 'worker_error', error: toFailure(error) });
      await sleep(STORE_ERROR_PAUSE_MS);
      return true;
    }
  }

  async function lane(): Promise<void> {
    while (running) {
      if (!(await step()) && running) await sleep(pollIntervalMs);
    }
  }

  return {
    send,
    status: readStatus,
    start() {
      if (running) return;
      running = true;
      lanes = Array.from({ length: concurrency }, () => lane());
    },
    async stop() {
      running = false;
      for (const wake of [...sleepers]) wake();
      await Promise.all(lanes);
      lanes = [];
    },
    async drain({ timeoutMs = 60_000 } = {}) {
      const deadline = now() + timeoutMs;
      const drainLane = async (): Promise<void> => {
        while (now() < deadline) {
          if (await step()) continue;
          if ((await queue.size()) === 0) return;
          await sleep(Math.min(pollIntervalMs, 50));
        }
      };
      await Promise.all(Array.from({ length: concurrency }, drainLane));
      if ((await queue.size()) > 0) {
        throw new OutboxError('outbox_drain_timeout', `drain() ran out of ${timeoutMs} ms with messages still queued`);
      }
    },
  };
}

/** The queued message, or null when the payload is not one `send()` wrote (not JSON, `null`, an array, no `to`). */
function parseStored(payload: string): StoredMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { to, inboxId } = parsed as Partial<StoredMessage>;
  if (typeof to !== 'object' || to === null || !Number.isInteger(inboxId) || (inboxId as number) <= 0) return null;
  return parsed as StoredMessage;
}

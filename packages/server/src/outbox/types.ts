import type { ChatwootClient } from '../client/createChatwootClient';
import type { MessageBody, NotifyRecipient } from '../notify/types';
import type { Store } from '../store/types';

/** Where a message is in the outbox. */
export type OutboxState = 'queued' | 'sent' | 'failed';

/** Why the last attempt failed (or why the message failed for good). Never holds a token or a header. */
export interface OutboxFailure {
  /** The error's stable `code` (`api_error`, `rate_limited`, `timeout`, `network_error`, `invalid_phone`, …). */
  code: string;
  message: string;
  /** HTTP status, when Chatwoot answered. */
  status?: number;
}

/** What `outbox.status(id)` returns. */
export interface OutboxStatus {
  id: string;
  state: OutboxState;
  /** Delivery attempts made so far (a hand-out that found the recipient busy is not an attempt). */
  attempts: number;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  /** When the message was seen in Chatwoot (epoch ms). */
  sentAt?: number;
  /** The last failure: the reason of a `failed` message, or of the latest retry of a `queued` one. */
  error?: OutboxFailure;
  contactId?: number;
  /** The conversation's display_id. */
  conversationId?: number;
  messageId?: number;
  /** When a queued message is tried next (epoch ms), after a failure. */
  nextAttemptAt?: number;
}

/** What `outbox.send()` takes: a notification, plus an optional key that makes sending it twice a no-op. */
export interface OutboxMessage extends MessageBody {
  to: NotifyRecipient;
  /** The inbox to write from; defaults to the outbox's `inboxId`. */
  inboxId?: number;
  /**
   * Your idempotency key (e.g. `reminder:appointment-123`): a second `send()` with the same key returns the first
   * one's id and queues nothing. Default: a random id.
   */
  key?: string;
  /** Country for a `to.phone` written without `+`; defaults to the outbox's `defaultCountry`. */
  defaultCountry?: string;
}

/** One change of a message, as `onEvent` receives it (in the process that made the change). */
export type OutboxEvent =
  | { type: 'queued'; id: string; status: OutboxStatus }
  | { type: 'sent'; id: string; status: OutboxStatus }
  | { type: 'retry'; id: string; status: OutboxStatus; delayMs: number; error: OutboxFailure }
  | { type: 'failed'; id: string; status: OutboxStatus; error: OutboxFailure }
  /** The worker could not talk to the store (Redis down…); it keeps polling with a pause. */
  | { type: 'worker_error'; error: OutboxFailure };

/** Delay before retry `attempt` (1 = after the first failure), or options of the default exponential backoff. */
export type OutboxBackoff =
  | ((attempt: number) => number)
  | {
      /** First delay in ms (default 1000); doubled each attempt. */
      baseMs?: number;
      /** Cap in ms (default 300000, 5 minutes). */
      maxMs?: number;
    };

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  client: Pick<ChatwootClient, 'contacts' | 'conversations' | 'messages'>;
  /** Where messages, their status and the delivery claims live. A Redis store shares the outbox between instances. */
  store: Store;
  /** Default inbox of `send()`. */
  inboxId?: number;
  /** Delivery attempts before a message that keeps failing with 5xx/429/timeouts is failed (default 10). */
  maxAttempts?: number;
  backoff?: OutboxBackoff;
  /** How long a worker owns a message it took (default 60000 ms); after that another worker may take it over. */
  visibilityMs?: number;
  /** Messages one worker delivers at once (default 4). */
  concurrency?: number;
  /** Pause of an idle worker between polls (default 500 ms). */
  pollIntervalMs?: number;
  /**
   * How long after an unanswered post the outbox trusts that Chatwoot did not process it, when the message is not
   * in the conversation (default 30000 ms; keep it above the client's `timeoutMs`).
   */
  settleAfterMs?: number;
  /** How long status records and delivery claims are kept (default 7 days). */
  retentionMs?: number;
  /** Namespace of the outbox's keys and queue in the store (default `wootkit:outbox`). */
  name?: string;
  /** Default country for phones written without `+`. */
  defaultCountry?: string;
  onEvent?: (event: OutboxEvent) => void;
  /** Random source of the backoff jitter (default Math.random). */
  random?: () => number;
  /** Clock in epoch ms (default Date.now). */
  now?: () => number;
}

/** A durable, retrying, at-most-once message outbox. */
export interface Outbox {
  /**
   * Persists the message (queue item + status record, in one atomic step) and returns its id; delivery happens in the worker
   * (`start()`) or `drain()`. Throws before persisting for input that can never be sent.
   */
  send(message: OutboxMessage): Promise<{ id: string; status: OutboxStatus }>;
  /** The message's status, or null when unknown (or older than `retentionMs`). */
  status(id: string): Promise<OutboxStatus | null>;
  /** Starts the worker loop (idempotent). */
  start(): void;
  /** Stops taking messages and waits for the ones in flight. */
  stop(): Promise<void>;
  /**
   * Delivers until the queue is empty (delayed retries included), then resolves; rejects after `timeoutMs`
   * (default 60000). For tests and scripts.
   */
  drain(options?: { timeoutMs?: number }): Promise<void>;
}

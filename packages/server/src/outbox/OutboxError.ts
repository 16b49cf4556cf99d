import { ChatwootError } from '../errors/ChatwootError';

/** Why the outbox itself refused or postponed something. */
export type OutboxErrorCode =
  /** An earlier post of this message got no answer and the message is not (yet) in the conversation: look again later. */
  | 'outbox_post_pending'
  /** `drain()` ran out of time with messages still queued. */
  | 'outbox_drain_timeout'
  /** `send()` input that can never be delivered (no inbox), or a queue item that is not a message `send()` wrote. */
  | 'outbox_invalid_message';

/** Thrown (or kept as a retry reason) by the outbox. Code: one of {@link OutboxErrorCode}. */
export class OutboxError extends ChatwootError {
  override name = 'OutboxError';
  declare readonly code: OutboxErrorCode;
  constructor(
    code: OutboxErrorCode,
    message: string,
    /** For `outbox_post_pending`: when to look again, in ms. */
    readonly retryInMs?: number,
  ) {
    super(code, message);
  }
}

import { ChatwootError } from '../errors/ChatwootError';

/**
 * Thrown by `notify` and `postMessage` before any request when the notification cannot be sent as asked: no
 * recipient key, no `content` and no `template`, or a bad `inboxId`.
 *
 * Code `invalid_notification`.
 */
export class InvalidNotificationError extends ChatwootError {
  override name = 'InvalidNotificationError';
  constructor(
    message: string,
    /** The input field at fault, e.g. `to`. */
    readonly field: string,
  ) {
    super('invalid_notification', message);
  }
}

import { ChatwootError } from './ChatwootError';

/**
 * Thrown when Chatwoot did not answer within `timeoutMs` (after any allowed retries). For a creating request
 * (contact, conversation or message create) the outcome is unknown: Chatwoot may have processed it, so look the
 * record up before sending it again.
 *
 * Code `timeout`.
 */
export class ChatwootTimeoutError extends ChatwootError {
  override name = 'ChatwootTimeoutError';
  constructor(
    /** HTTP method of the request, upper case. */
    readonly method: string,
    /** Request path without the query string. */
    readonly path: string,
    /** The per-attempt time limit that ran out. */
    readonly timeoutMs: number,
  ) {
    super('timeout', `Chatwoot did not answer ${method} ${path} within ${timeoutMs} ms`);
  }
}

import { ChatwootApiError, type ChatwootApiErrorDetails } from './ChatwootApiError';

/**
 * Thrown when Chatwoot answered 429 (`Retry later`, text/plain, no Retry-After header) and the client's retries were
 * exhausted or not allowed. A 429 means the request was not processed, so it is always safe to send it again later.
 *
 * Code `rate_limited`.
 */
export class ChatwootRateLimitError extends ChatwootApiError {
  override name = 'ChatwootRateLimitError';
  constructor(details: Omit<ChatwootApiErrorDetails, 'status'>) {
    super({ ...details, status: 429 }, 'rate_limited');
  }
}

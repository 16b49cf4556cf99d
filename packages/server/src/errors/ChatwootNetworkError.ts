import { ChatwootError } from './ChatwootError';

/**
 * Thrown when no HTTP answer came back at all: connection refused or reset, DNS failure, dropped socket (after any
 * allowed retries). `cause` is a copy of the underlying fetch error with only its name, message and system code
 * (whatever else a custom `fetch` hung on it, such as the request and its headers, is dropped). As with a timeout, a
 * creating request may or may not have been processed.
 *
 * Code `network_error`.
 */
export class ChatwootNetworkError extends ChatwootError {
  override name = 'ChatwootNetworkError';
  constructor(
    /** HTTP method of the request, upper case. */
    readonly method: string,
    /** Request path without the query string. */
    readonly path: string,
    cause?: unknown,
  ) {
    super(
      'network_error',
      `Could not reach Chatwoot for ${method} ${path}: ${describeCause(cause)}`,
      cause === undefined ? undefined : { cause },
    );
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause ?? 'unknown error');
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = inner && typeof inner === 'object' ? (inner.code ?? inner.message) : undefined;
  return detail ? `${cause.message} (${String(detail)})` : cause.message;
}

import { ChatwootError } from './ChatwootError';

/** What a {@link ChatwootApiError} is built from: the response's facts, never the request's headers. */
export interface ChatwootApiErrorDetails {
  /** HTTP status Chatwoot answered with (401, 404, 422, 500, …). */
  status: number;
  /** Chatwoot's own message (`message`, `error` or the first of `errors`), or the text body. */
  apiMessage: string;
  /** For 422 validation errors: the attributes that failed, e.g. `["email"]`. Empty otherwise. */
  attributes?: readonly string[];
  /** HTTP method of the request, upper case. */
  method: string;
  /** Request path without the query string (queries can hold a searched email or phone). */
  path: string;
  cause?: unknown;
}

/**
 * Thrown when Chatwoot answers a request with a non-2xx status. Carries the status, Chatwoot's message, the
 * attributes of a 422 and the method and path of the request. It never holds the request's headers, so the
 * `api_access_token` cannot leak through `String(err)`, `JSON.stringify(err)` or a logger.
 *
 * Code `api_error`. Subclass {@link ChatwootRateLimitError} for 429.
 */
export class ChatwootApiError extends ChatwootError {
  override name = 'ChatwootApiError';
  readonly status: number;
  readonly apiMessage: string;
  readonly attributes: readonly string[];
  readonly method: string;
  readonly path: string;

  constructor(details: ChatwootApiErrorDetails, code = 'api_error') {
    super(
      code,
      `Chatwoot answered ${details.status} to ${details.method} ${details.path}: ${details.apiMessage || '(no message)'}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.status = details.status;
    this.apiMessage = details.apiMessage;
    this.attributes = details.attributes ?? [];
    this.method = details.method;
    this.path = details.path;
  }

  /**
   * True for Chatwoot's 422 "… has already been taken" (duplicate email, phone number or identifier). Chatwoot does
   * not return the existing record's id: look it up with `contacts.filter`.
   */
  get alreadyTaken(): boolean {
    return this.status === 422 && /has already been taken/i.test(this.apiMessage);
  }
}

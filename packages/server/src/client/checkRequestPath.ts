import { ChatwootInputError } from '../errors/ChatwootInputError';

// A segment is a word of Chatwoot's routes (`contacts`, `toggle_status`) or an id: nothing that a server or proxy
// could read as another path (`..`, `%2e%2e`, `%2f`, `\`), a query (`?`, `#`) or an empty segment (`//`).
const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+$/;
// What an id that went wrong turns into once it is written into a path.
const BROKEN_ID = /^(?:undefined|null|NaN|-?Infinity|-[0-9]+|0[0-9]*)$/;

/**
 * Checks a request path (relative to `/api/v1/`) before it is sent, so that no id or path built from outside input
 * can reach another endpoint or account: `accounts/1/contacts/%2e%2e/%2e%2e/accounts/2/contacts/1` is refused.
 */
export function checkRequestPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw new ChatwootInputError('invalid_path', 'path', 'The request path is required, e.g. `accounts/1/labels`.');
  }
  for (const segment of path.split('/')) {
    if (!PLAIN_SEGMENT.test(segment) || BROKEN_ID.test(segment)) {
      throw new ChatwootInputError(
        'invalid_path',
        'path',
        `The request path has a segment that is not a route name or a positive integer id (${JSON.stringify(segment.slice(0, 40))}): check the ids you passed.`,
      );
    }
  }
  return path;
}

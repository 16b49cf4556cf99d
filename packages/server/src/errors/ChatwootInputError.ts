import { ChatwootError } from './ChatwootError';

/** Why {@link ChatwootInputError} was thrown. */
export type ChatwootInputErrorCode =
  /** An option of `createChatwootClient` is missing or malformed (`option` names it). */
  | 'invalid_option'
  /** An id passed to a resource method is not a positive integer (`option` names the parameter). */
  | 'invalid_id'
  /** A path given to `client.request()` has a segment that could leave its endpoint (`..`, `%2e`, `/`, `?`, …). */
  | 'invalid_path';

/**
 * Thrown before anything is sent, when what the caller passed cannot be a correct request: a malformed option, an id
 * that is not a positive integer, a path that could reach another endpoint or account. The message names the option
 * and says what to pass; it never repeats a token or a password.
 */
export class ChatwootInputError extends ChatwootError {
  override name = 'ChatwootInputError';
  declare readonly code: ChatwootInputErrorCode;
  constructor(
    code: ChatwootInputErrorCode,
    /** The option or parameter at fault, e.g. `apiAccessToken`, `conversationId`, `path`. */
    readonly option: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** Stable error codes: match on `error.code`, never on the message. */
export type WootkitErrorCode =
  | 'invalid_options'
  | 'invalid_argument'
  | 'load_failed'
  | 'load_timeout'
  | 'widget_error'
  | 'listener_error'
  | 'destroyed';

/**
 * The one error type `@wootkit/core` produces (one class keeps the browser bundle small).
 * It reaches you through the `error` event, `state.error` and rejected `load()`/`reset()` promises; it is never
 * thrown into the host page.
 */
export class WootkitError extends Error {
  override readonly name = 'WootkitError';
  constructor(
    readonly code: WootkitErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

import { ChatwootError } from '../errors/ChatwootError';

/**
 * Thrown (and reported in `syncContacts`' `failed`) when a customer record cannot become a Chatwoot contact before
 * any request is made: no identifier, email or phone to match it by, or a field of the wrong type.
 *
 * Code `invalid_customer`. Invalid phone numbers throw the phone module's own typed error instead.
 */
export class InvalidCustomerError extends ChatwootError {
  override name = 'InvalidCustomerError';
  constructor(
    message: string,
    /** The customer field at fault, e.g. `email`. */
    readonly field: string,
  ) {
    super('invalid_customer', message);
  }
}

import { createHash } from 'node:crypto';
import { normalizePhone } from '../phone/normalizePhone';
import type { NotifyRecipient } from '../notify/types';

/** Store keys of one outbox namespace. Recipients are hashed: no phone or email ends up in a Redis key. */
export function outboxKeys(name: string) {
  return {
    queue: name,
    /** Delivery claim of generation `generation` of message `id`: set before posting, never twice. */
    claim: (id: string, generation: number) => `${name}:claim:${id}:${generation}`,
    /** One message at a time per recipient and inbox: no duplicate conversation, in-order delivery. */
    recipientLock: (recipient: string, inboxId: number) =>
      `${name}:lock:${inboxId}:${createHash('sha256').update(recipient).digest('hex').slice(0, 32)}`,
  };
}

/**
 * A stable text for "who": the contact id, the E.164 phone, the lower-cased email or the identifier.
 * @throws {PhoneNumberError} for a phone that is not one.
 */
export function recipientKey(to: NotifyRecipient, defaultCountry: string | undefined): string {
  if ('contactId' in to && to.contactId !== undefined) return `contact:${to.contactId}`;
  if ('phone' in to && to.phone) {
    return `phone:${normalizePhone(to.phone, defaultCountry === undefined ? {} : { defaultCountry })}`;
  }
  if ('email' in to && to.email) return `email:${to.email.trim().toLowerCase()}`;
  if ('identifier' in to && to.identifier) return `identifier:${to.identifier}`;
  return 'unknown';
}

import { normalizePhone } from '../phone/normalizePhone';
import { phoneVariants } from '../phone/phoneVariants';
import type { Attributes } from '../types/common';
import type { ContactCreateInput } from '../types/contact';
import type { ContactMatchOptions, Customer } from './Customer';
import { InvalidCustomerError } from './InvalidCustomerError';

/** The keys a contact is matched by, already normalised (email lower-cased, phone in E.164 with its variants). */
export interface ContactKeys {
  identifier?: string;
  email?: string;
  /** Every stored form of the phone, the normalised one first (see `phoneVariants`). */
  phones?: string[];
}

/** A customer turned into what Chatwoot stores, plus the keys to find it by. */
export interface DesiredContact {
  input: ContactCreateInput;
  keys: ContactKeys;
}

/**
 * Validates and normalises a customer once, before any request: trims strings, lower-cases the email (Chatwoot
 * stores it lower-cased, so comparing otherwise would report a change on every run) and writes the phone in E.164.
 *
 * @throws {InvalidCustomerError} no match key, or a field of the wrong type.
 * @throws {PhoneNumberError} the phone is not a number that can exist.
 */
export function toDesiredContact(customer: Customer, options: ContactMatchOptions = {}): DesiredContact {
  if (customer === null || typeof customer !== 'object') {
    throw new InvalidCustomerError('A customer must be an object', 'customer');
  }
  const identifier = readText(customer, 'identifier');
  const email = readText(customer, 'email')?.toLowerCase();
  const phoneText = readText(customer, 'phone');
  const phone = phoneText === undefined ? undefined : normalizePhone(phoneText, options);
  if (identifier === undefined && email === undefined && phone === undefined) {
    throw new InvalidCustomerError(
      'A customer needs an identifier, an email or a phone to be matched with a Chatwoot contact',
      'identifier',
    );
  }
  const name = readText(customer, 'name');
  const avatarUrl = readText(customer, 'avatarUrl');
  const customAttributes = readAttributes(customer, 'customAttributes');
  const additionalAttributes = readAttributes(customer, 'additionalAttributes');

  const input: ContactCreateInput = {};
  if (name !== undefined) input.name = name;
  if (email !== undefined) input.email = email;
  if (phone !== undefined) input.phone_number = phone;
  if (identifier !== undefined) input.identifier = identifier;
  if (avatarUrl !== undefined) input.avatar_url = avatarUrl;
  if (customAttributes !== undefined) input.custom_attributes = customAttributes;
  if (additionalAttributes !== undefined) input.additional_attributes = additionalAttributes;

  const keys: ContactKeys = {};
  if (identifier !== undefined) keys.identifier = identifier;
  if (email !== undefined) keys.email = email;
  if (phone !== undefined) keys.phones = phoneVariants(phone);
  return { input, keys };
}

function readText(customer: Customer, field: keyof Customer): string | undefined {
  const value: unknown = customer[field];
  if (value === undefined || value === null) return undefined;
  // Database ids and phone columns often come as numbers.
  if ((field === 'identifier' || field === 'phone') && typeof value === 'number' && Number.isSafeInteger(value)) {
    return String(value);
  }
  if (typeof value !== 'string') throw new InvalidCustomerError(`Customer ${field} must be a string`, field);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readAttributes(customer: Customer, field: 'customAttributes' | 'additionalAttributes'): Attributes | undefined {
  const value: unknown = customer[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidCustomerError(`Customer ${field} must be a plain object`, field);
  }
  return Object.keys(value).length === 0 ? undefined : (value as Attributes);
}

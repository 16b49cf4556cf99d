import type { Attributes } from '../types/common';
import type { Contact, ContactCreateInput, ContactUpdateInput } from '../types/contact';

/**
 * What must be PATCHed to make `existing` hold `desired`, or null when nothing differs (then no request is made:
 * that is what makes a second sync write nothing).
 *
 * - The phone counts as unchanged when the contact holds another form of the same number (e.g. Mexico's `+521…`):
 *   rewriting it would detach WhatsApp conversations keyed on the stored form.
 * - An identifier already set to something else is never overwritten: it belongs to another record of yours.
 * - Attribute hashes: only the keys whose values differ are sent; Chatwoot merges them shallowly.
 * - `avatar_url` is never sent on update (Chatwoot fetches it asynchronously, so it cannot be compared).
 */
export function contactChanges(
  existing: Contact,
  desired: ContactCreateInput,
  phoneForms: readonly string[] = [],
): ContactUpdateInput | null {
  const patch: ContactUpdateInput = {};
  if (desired.name !== undefined && desired.name !== existing.name) patch.name = desired.name;
  if (desired.email !== undefined && desired.email !== existing.email?.toLowerCase()) patch.email = desired.email;
  if (
    desired.phone_number !== undefined &&
    desired.phone_number !== existing.phone_number &&
    !(existing.phone_number && phoneForms.includes(existing.phone_number))
  ) {
    patch.phone_number = desired.phone_number;
  }
  if (desired.identifier !== undefined && !existing.identifier) patch.identifier = desired.identifier;
  const custom = changedKeys(existing.custom_attributes, desired.custom_attributes);
  if (custom) patch.custom_attributes = custom;
  const additional = changedKeys(existing.additional_attributes, desired.additional_attributes);
  if (additional) patch.additional_attributes = additional;
  return Object.keys(patch).length === 0 ? null : patch;
}

function changedKeys(current: Attributes | null | undefined, wanted: Attributes | undefined): Attributes | undefined {
  if (!wanted) return undefined;
  const changed: Attributes = {};
  let any = false;
  for (const [key, value] of Object.entries(wanted)) {
    if (!sameJson(current?.[key], value)) {
      changed[key] = value;
      any = true;
    }
  }
  return any ? changed : undefined;
}

/** Equality as JSON sees it (what Chatwoot stores), independent of object key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return JSON.stringify(a) === JSON.stringify(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  const aKeys = Object.keys(a).filter((key) => (a as Attributes)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Attributes)[key] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((key) => sameJson((a as Attributes)[key], (b as Attributes)[key]));
}

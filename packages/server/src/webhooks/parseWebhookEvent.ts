import { WebhookVerificationError } from '../errors/WebhookVerificationError';
import type { WebhookEvent, WebhookEventName } from './events';

type Json = Record<string, unknown>;
type Check = (payload: Json) => void;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks that a webhook body has the shape Chatwoot sends for its `event` and returns it as the typed union. Takes
 * the raw JSON text (string or bytes) or an already parsed value. Does NOT check the signature: use `verifyWebhook`
 * on deliveries from the network. A JSON object with a string `event` is never refused: an unknown name, or a known
 * one whose fields have the wrong type, comes back as `{ event: 'unknown', name, payload, reason, problem? }`, so a
 * handler never gets a typed event whose types lie, and no delivery is lost.
 *
 * @throws {WebhookVerificationError} `malformed_payload` only when the body is not a JSON object with a non-empty
 * string `event`.
 */
export function parseWebhookEvent(json: unknown): WebhookEvent {
  return toWebhookEvent(typeof json === 'string' || json instanceof Uint8Array ? parseJson(json) : json);
}

/** Checks an already parsed JSON value (never re-parses a string). */
export function toWebhookEvent(value: unknown): WebhookEvent {
  if (!isObject(value)) throw malformed('the body must be a JSON object');
  const name = value.event;
  if (typeof name !== 'string' || name.length === 0) throw malformed('"event" must be a non-empty string');
  const check = CHECKS[name as WebhookEventName];
  if (check === undefined || !Object.prototype.hasOwnProperty.call(CHECKS, name)) {
    return { event: 'unknown', name, payload: value, reason: 'unknown_event' };
  }
  try {
    check(value);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    return { event: 'unknown', name, payload: value, reason: 'unexpected_shape', problem: error.message };
  }
  return value as unknown as WebhookEvent;
}

/** A field check failed: the delivery is kept as `unknown`, never thrown out of `toWebhookEvent`. */
class ShapeError extends Error {}

/** Parses JSON text or UTF-8 bytes; any failure is a `malformed_payload`. */
export function parseJson(body: string | Uint8Array): unknown {
  try {
    return JSON.parse(typeof body === 'string' ? body : utf8.decode(body));
  } catch (cause) {
    throw new WebhookVerificationError('malformed_payload', 'Webhook body is not valid UTF-8 JSON', { cause });
  }
}

const MESSAGE_TYPES = new Set(['incoming', 'outgoing', 'template']);
const CONVERSATION_STATUSES = new Set(['open', 'resolved', 'pending', 'snoozed']);

const checkMessage: Check = (p) => {
  integer(p, 'id');
  if (!MESSAGE_TYPES.has(p.message_type as string)) {
    throw unexpected(`${p.event}.message_type must be "incoming", "outgoing" or "template"`);
  }
  boolean(p, 'private');
  string(p, 'created_at');
  optionalStringOrNull(p, 'content');
  optionalStringOrNull(p, 'source_id');
  entity(p, 'account');
  entity(p, 'conversation');
  optionalEntity(p, 'inbox');
  if (p.sender !== undefined && p.sender !== null) entity(p, 'sender');
  optionalArray(p, 'attachments');
};

const checkConversation: Check = (p) => {
  integer(p, 'id');
  if (!CONVERSATION_STATUSES.has(p.status as string)) {
    throw unexpected(`${p.event}.status must be one of open, resolved, pending, snoozed`);
  }
  integer(p, 'created_at');
  optionalInteger(p, 'inbox_id');
  const meta = p.meta;
  if (!isObject(meta)) throw unexpected(`${p.event}.meta must be an object`);
  if (!isObject(meta.sender) || !Number.isSafeInteger(meta.sender.id)) {
    throw unexpected(`${p.event}.meta.sender must be a contact with an integer id`);
  }
  optionalArray(p, 'messages');
  optionalArray(p, 'labels');
  optionalArray(p, 'changed_attributes');
};

const checkContact: Check = (p) => {
  integer(p, 'id');
  for (const key of ['name', 'email', 'phone_number', 'identifier']) optionalStringOrNull(p, key);
  if (p.event === 'contact_updated') array(p, 'changed_attributes');
};

const checkWidgetTrigger: Check = (p) => {
  integer(p, 'id');
  entity(p, 'contact');
  entity(p, 'inbox');
};

// Inbox::EventDataPresenter#webhook_data: settings, `channel` (the channel record) and `account`; no inbox id.
const checkInbox: Check = (p) => {
  entity(p, 'channel');
  entity(p, 'account');
  if (p.event === 'inbox_updated') array(p, 'changed_attributes');
};

const checkTyping: Check = (p) => {
  entity(p, 'conversation');
  entity(p, 'user');
};

const CHECKS: Record<WebhookEventName, Check> = {
  conversation_created: checkConversation,
  conversation_status_changed: checkConversation,
  conversation_updated: checkConversation,
  conversation_opened: checkConversation,
  conversation_resolved: checkConversation,
  contact_created: checkContact,
  contact_updated: checkContact,
  message_created: checkMessage,
  message_updated: checkMessage,
  webwidget_triggered: checkWidgetTrigger,
  inbox_created: checkInbox,
  inbox_updated: checkInbox,
  conversation_typing_on: checkTyping,
  conversation_typing_off: checkTyping,
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(what: string): WebhookVerificationError {
  return new WebhookVerificationError('malformed_payload', `Webhook payload is malformed: ${what}`);
}

function unexpected(what: string): ShapeError {
  return new ShapeError(what);
}

function integer(p: Json, key: string): void {
  if (!Number.isSafeInteger(p[key])) throw unexpected(`${p.event}.${key} must be an integer`);
}
function optionalInteger(p: Json, key: string): void {
  if (p[key] !== undefined && p[key] !== null) integer(p, key);
}
function boolean(p: Json, key: string): void {
  if (typeof p[key] !== 'boolean') throw unexpected(`${p.event}.${key} must be true or false`);
}
function string(p: Json, key: string): void {
  if (typeof p[key] !== 'string') throw unexpected(`${p.event}.${key} must be a string`);
}
function optionalStringOrNull(p: Json, key: string): void {
  const value = p[key];
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw unexpected(`${p.event}.${key} must be a string or null`);
  }
}
function entity(p: Json, key: string): void {
  const value = p[key];
  if (!isObject(value) || !Number.isSafeInteger(value.id)) {
    throw unexpected(`${p.event}.${key} must be an object with an integer id`);
  }
}
function optionalEntity(p: Json, key: string): void {
  if (p[key] !== undefined && p[key] !== null) entity(p, key);
}
function array(p: Json, key: string): void {
  if (!Array.isArray(p[key])) throw unexpected(`${p.event}.${key} must be an array`);
}
function optionalArray(p: Json, key: string): void {
  if (p[key] !== undefined && p[key] !== null) array(p, key);
}

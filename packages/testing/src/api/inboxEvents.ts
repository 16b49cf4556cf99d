// Inboxes created and updated through the API, and their `inbox_created` / `inbox_updated` webhooks.
// Chatwoot v4.15.1: app/controllers/api/v1/accounts/inboxes_controller.rb (create, update),
// app/models/inbox.rb (dispatch_create_event / dispatch_update_event, only with ENABLE_INBOX_EVENTS set),
// app/presenters/inbox/event_data_presenter.rb (the payload) and app/listeners/webhook_listener.rb (skipped when
// nothing changed).
import type { FakeDb } from './db';
import { accountData, changedAttributes } from './events';
import { errors } from './http';
import { newSecureToken } from './secureToken';
import type { FakeChannelType, FakeInboxRecord } from './types';

/** The inbox columns `Inbox::EventDataPresenter#push_data` reads (app/presenters/inbox/event_data_presenter.rb). */
export interface InboxSettings {
  allow_messages_after_resolved: boolean;
  lock_to_single_conversation: boolean;
  auto_assignment_config: Record<string, unknown>;
  enable_auto_assignment: boolean;
  enable_email_collect: boolean;
  greeting_enabled: boolean;
  greeting_message: string | null;
  csat_survey_enabled: boolean;
  business_name: string | null;
  sender_name_type: 'friendly' | 'professional';
  timezone: string;
  out_of_office_message: string | null;
  working_hours_enabled: boolean;
}

/** What the stand-in keeps about an inbox beyond its REST record: settings, channel row, timestamps (ms). */
interface InboxExtras {
  settings: InboxSettings;
  channel: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

const extras = new WeakMap<FakeInboxRecord, InboxExtras>();

/** `channel: { type }` of InboxesController#create → the channel class. */
const CHANNEL_TYPES: Record<string, FakeChannelType> = {
  api: 'Channel::Api',
  web_widget: 'Channel::WebWidget',
};

const BOOLEAN_SETTINGS = [
  'allow_messages_after_resolved',
  'lock_to_single_conversation',
  'enable_auto_assignment',
  'enable_email_collect',
  'greeting_enabled',
  'csat_survey_enabled',
  'working_hours_enabled',
] as const;
const TEXT_SETTINGS = ['greeting_message', 'business_name', 'out_of_office_message'] as const;

function defaultSettings(inbox: FakeInboxRecord): InboxSettings {
  // db/schema.rb column defaults.
  return {
    allow_messages_after_resolved: true,
    lock_to_single_conversation: inbox.lock_to_single_conversation,
    auto_assignment_config: {},
    enable_auto_assignment: true,
    enable_email_collect: true,
    greeting_enabled: false,
    greeting_message: null,
    csat_survey_enabled: false,
    business_name: null,
    sender_name_type: 'friendly',
    timezone: 'UTC',
    out_of_office_message: null,
    working_hours_enabled: false,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The channel row as `to_json` writes it: every column of its table (secrets included, as Chatwoot does). */
function channelRow(db: FakeDb, inbox: FakeInboxRecord, body: Record<string, unknown>, now: number): Record<string, unknown> {
  const common = { id: db.nextId(`channel:${inbox.channel_type}`), account_id: inbox.accountId };
  if (inbox.channel_type === 'Channel::Api') {
    // app/models/channel/api.rb: has_secure_token :identifier, :hmac_token and (WebhookSecretable) :secret.
    return {
      ...common,
      webhook_url: typeof body.webhook_url === 'string' ? body.webhook_url : null,
      created_at: iso(now),
      updated_at: iso(now),
      identifier: newSecureToken(),
      hmac_token: newSecureToken(),
      hmac_mandatory: body.hmac_mandatory === true,
      additional_attributes: {},
      secret: newSecureToken(),
    };
  }
  return {
    ...common,
    website_url: typeof body.website_url === 'string' ? body.website_url : null,
    created_at: iso(now),
    updated_at: iso(now),
    website_token: inbox.website_token,
    widget_color: typeof body.widget_color === 'string' ? body.widget_color : '#1f93ff',
    hmac_token: inbox.hmac_token,
    hmac_mandatory: false,
  };
}

function extrasOf(db: FakeDb, inbox: FakeInboxRecord): InboxExtras {
  let found = extras.get(inbox);
  if (!found) {
    // A seeded inbox: give it defaults the first time it is updated.
    const now = db.now();
    found = { settings: defaultSettings(inbox), channel: channelRow(db, inbox, {}, now), createdAt: now, updatedAt: now };
    extras.set(inbox, found);
  }
  return found;
}

/** OutOfOffisable#create_default_working_hours: Sunday and Saturday closed, weekdays 9:00–17:00. */
function workingHours(inbox: FakeInboxRecord) {
  return Array.from({ length: 7 }, (_, day) => {
    const closed = day === 0 || day === 6;
    return {
      inbox_id: inbox.id,
      account_id: inbox.accountId,
      day_of_week: day,
      closed_all_day: closed,
      open_hour: closed ? null : 9,
      open_minutes: closed ? null : 0,
      close_hour: closed ? null : 17,
      close_minutes: closed ? null : 0,
      open_all_day: false,
    };
  });
}

/** Inbox::EventDataPresenter#webhook_data: settings, timestamps, the channel row and the account; no inbox id. */
export function inboxWebhookData(db: FakeDb, inbox: FakeInboxRecord) {
  const { settings, channel, createdAt, updatedAt } = extrasOf(db, inbox);
  return {
    ...settings,
    working_hours: workingHours(inbox),
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
    channel,
    account: accountData(db, inbox.accountId),
  };
}

function settingsFrom(body: Record<string, unknown>): Partial<InboxSettings> & { name?: string } {
  const changes: Partial<InboxSettings> & { name?: string } = {};
  if (body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim() === '') {
      throw errors.invalid([{ attribute: 'name', message: "Name can't be blank" }]);
    }
    changes.name = body.name;
  }
  for (const key of BOOLEAN_SETTINGS) if (typeof body[key] === 'boolean') changes[key] = body[key];
  for (const key of TEXT_SETTINGS) if (typeof body[key] === 'string' || body[key] === null) changes[key] = body[key];
  if (typeof body.timezone === 'string') changes.timezone = body.timezone;
  if (body.sender_name_type === 'friendly' || body.sender_name_type === 'professional') changes.sender_name_type = body.sender_name_type;
  return changes;
}

/**
 * The API channel's own webhook, or null: WebhookListener#deliver_api_inbox_webhooks sends conversation and message
 * events to `Channel::Api#webhook_url` (when not blank), signed with the channel's secret.
 */
export function apiInboxWebhook(inbox: FakeInboxRecord): { url: string; secret: string } | null {
  if (inbox.channel_type !== 'Channel::Api') return null;
  const channel = extras.get(inbox)?.channel;
  const url = channel?.webhook_url;
  if (typeof url !== 'string' || url.trim() === '') return null;
  return { url, secret: String(channel!.secret) };
}

/**
 * The API channel's attributes of an inbox answer (`app/views/api/v1/models/_inbox.json.jbuilder`, "API Channel
 * Attributes"): `webhook_url`, `inbox_identifier` and `additional_attributes` for everyone, `hmac_token` and `secret`
 * for administrators only. Empty for other channels.
 */
export function apiChannelView(db: FakeDb, inbox: FakeInboxRecord, administrator: boolean): Record<string, unknown> {
  if (inbox.channel_type !== 'Channel::Api') return {};
  const channel = extrasOf(db, inbox).channel;
  return {
    ...(administrator ? { hmac_token: channel.hmac_token, secret: channel.secret } : {}),
    webhook_url: channel.webhook_url,
    inbox_identifier: channel.identifier,
    additional_attributes: channel.additional_attributes,
  };
}

/**
 * InboxesController#update_channel for an API inbox: `channel: { webhook_url, hmac_mandatory }` updates the channel row
 * (`Channel::Api::EDITABLE_ATTRS`). That is another model, so it never sends `inbox_updated`.
 */
function updateApiChannel(db: FakeDb, inbox: FakeInboxRecord, body: Record<string, unknown>): void {
  if (inbox.channel_type !== 'Channel::Api' || typeof body.channel !== 'object' || body.channel === null) return;
  const input = body.channel as Record<string, unknown>;
  const channel = extrasOf(db, inbox).channel;
  let changed = false;
  if (typeof input.webhook_url === 'string' || input.webhook_url === null) {
    changed ||= channel.webhook_url !== input.webhook_url;
    channel.webhook_url = input.webhook_url;
  }
  if (typeof input.hmac_mandatory === 'boolean') {
    changed ||= channel.hmac_mandatory !== input.hmac_mandatory;
    channel.hmac_mandatory = input.hmac_mandatory;
  }
  if (changed) channel.updated_at = iso(db.now());
}

/** InboxesController#create: the channel, then the inbox; `inbox_created` when inbox events are on. */
export function createInbox(db: FakeDb, accountId: number, body: Record<string, unknown>): FakeInboxRecord {
  const channelBody = (typeof body.channel === 'object' && body.channel !== null ? body.channel : {}) as Record<string, unknown>;
  const channelType = CHANNEL_TYPES[String(channelBody.type)];
  if (!channelType) throw errors.unprocessable('Invalid channel type');
  const changes = settingsFrom(body);
  if (changes.name === undefined) throw errors.invalid([{ attribute: 'name', message: "Name can't be blank" }]);
  const inbox = db.addInbox(accountId, {
    name: changes.name,
    channel_type: channelType,
    lock_to_single_conversation: changes.lock_to_single_conversation ?? false,
  });
  const now = db.now();
  const { name: _name, ...settings } = changes;
  extras.set(inbox, {
    settings: { ...defaultSettings(inbox), ...settings },
    channel: channelRow(db, inbox, channelBody, now),
    createdAt: now,
    updatedAt: now,
  });
  if (db.inboxEvents) db.emit('inbox_created', accountId, () => inboxWebhookData(db, inbox));
  return inbox;
}

/**
 * InboxesController#update of the inbox's own columns: `inbox_updated` with Rails' `previous_changes` (so
 * `updated_at` is listed too) when inbox events are on; nothing when no column changed (WebhookListener skips a blank
 * `changed_attributes`, and Rails does not even save).
 */
export function updateInbox(db: FakeDb, inbox: FakeInboxRecord, body: Record<string, unknown>): FakeInboxRecord {
  const current = extrasOf(db, inbox);
  const changes = settingsFrom(body);
  updateApiChannel(db, inbox, body);
  const before = { name: inbox.name, ...current.settings };
  const after = { ...before, ...changes };
  const changed = changedAttributes(before, after);
  if (changed.length === 0) return inbox;
  const previousUpdatedAt = current.updatedAt;
  const { name, ...settings } = after;
  inbox.name = name;
  inbox.lock_to_single_conversation = settings.lock_to_single_conversation;
  current.settings = settings;
  current.updatedAt = Math.max(db.now(), previousUpdatedAt + 1);
  changed.push({ updated_at: { previous_value: iso(previousUpdatedAt), current_value: iso(current.updatedAt) } });
  if (db.inboxEvents) db.emit('inbox_updated', inbox.accountId, () => ({ ...inboxWebhookData(db, inbox), changed_attributes: changed }));
  return inbox;
}

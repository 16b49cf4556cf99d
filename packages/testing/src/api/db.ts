import { randomBytes, randomUUID } from 'node:crypto';
import { changedAttributes, contactWebhookData, conversationWebhookData, messageWebhookData } from './events';
import { errors, HttpError } from './http';
import { isoTime } from './presenters';
import { internalServerError } from './serverError';
import { recordContactActivity } from './contactActivity';
import { newSecureToken } from './secureToken';
import type {
  FakeAgentRecord,
  FakeApiEvent,
  FakeContactInboxRecord,
  FakeContactRecord,
  FakeConversationRecord,
  FakeInboxRecord,
  FakeMessageRecord,
  FakeWebhookRecord,
  FakeLabelRecord,
  SeedContact,
  SeedCustomAttributeDefinition,
  SeedInbox,
} from './types';

/** Chatwoot's E.164 check on contacts (app/models/contact.rb). */
const E164 = /^\+[1-9]\d{1,14}$/;
/** Devise.email_regexp */
const EMAIL = /^[^@\s]+@[^@\s]+$/;
/** Limits.conversation_message_per_minute_limit */
const MESSAGES_PER_CONVERSATION_PER_MINUTE = 200;

export interface AccountRecord {
  id: number;
  name: string;
  /** userId → role */
  members: Map<number, 'agent' | 'administrator'>;
  nextDisplayId: number;
  /** Custom attribute definitions: `${attribute_model}:${attribute_key}` → display type. */
  customAttributes: Map<string, SeedCustomAttributeDefinition['attribute_display_type']>;
}

/** Who a token belongs to. */
export type Principal =
  | { kind: 'user'; user: FakeAgentRecord; label: string }
  | { kind: 'bot'; botId: number; accountId: number; label: string };

export interface ContactInput {
  name?: unknown;
  email?: unknown;
  phone_number?: unknown;
  identifier?: unknown;
  blocked?: unknown;
  avatar_url?: unknown;
  additional_attributes?: unknown;
  custom_attributes?: unknown;
}

/** The stand-in's in-memory database and the rules Chatwoot's models enforce. */
export class FakeDb {
  readonly accounts = new Map<number, AccountRecord>();
  readonly users = new Map<number, FakeAgentRecord>();
  readonly tokens = new Map<string, Principal>();
  readonly inboxes = new Map<number, FakeInboxRecord>();
  readonly contactsById = new Map<number, FakeContactRecord>();
  readonly contactInboxes = new Map<number, FakeContactInboxRecord>();
  readonly conversations = new Map<number, FakeConversationRecord>();
  readonly messages = new Map<number, FakeMessageRecord>();
  /** conversation db id → message ids, in order */
  readonly messagesByConversation = new Map<number, number[]>();
  readonly webhooks = new Map<number, FakeWebhookRecord>();
  readonly labels = new Map<number, FakeLabelRecord>();
  readonly teams = new Map<number, { id: number; name: string; accountId: number }>();
  private readonly ids = new Map<string, number>();
  /** `${accountId}:${field}` → normalised value → contact ids: keeps uniqueness checks and exact filters O(1). */
  private readonly contactIndex = new Map<string, Map<string, Set<number>>>();
  /** `${accountId}:${displayId}` → conversation id */
  private readonly displayIds = new Map<string, number>();
  private readonly listeners = new Set<(event: FakeApiEvent) => void>();

  /** Chatwoot's ENABLE_INBOX_EVENTS: whether inboxes created/updated through the API send events (inboxEvents.ts). */
  inboxEvents = false;

  constructor(readonly now: () => number) {}

  nextId(table: string, wanted?: number): number {
    const current = this.ids.get(table) ?? 0;
    const id = wanted ?? current + 1;
    this.ids.set(table, Math.max(current, id));
    return id;
  }

  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  // ---- events -------------------------------------------------------------------------------------------

  onEvent(listener: (event: FakeApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events of the running transaction, built when it commits (Chatwoot's after_commit callbacks). */
  private pending: Array<() => void> | null = null;

  /**
   * Runs `work` as one transaction: events it causes are built and delivered after it, in order, so a conversation
   * created with a first message reports that message in its `conversation_created` payload, as Chatwoot does.
   */
  transaction<T>(work: () => T): T {
    if (this.pending) return work();
    this.pending = [];
    let result: T;
    try {
      result = work();
    } catch (error) {
      this.pending = null;
      throw error;
    }
    const queued = this.pending;
    this.pending = null;
    for (const deliver of queued) deliver();
    return result;
  }

  /** Queues (in a transaction) or delivers one event; also used by inboxEvents.ts. */
  emit(event: FakeApiEvent['event'], accountId: number, build: () => Record<string, unknown>): void {
    const deliver = () => {
      const payload = { ...build(), event };
      for (const listener of this.listeners) {
        try {
          listener({ event, accountId, payload });
        } catch {
          // A listener's failure must not fail the API request that caused the event.
        }
      }
    };
    if (this.pending) this.pending.push(deliver);
    else deliver();
  }

  // ---- lookups ------------------------------------------------------------------------------------------

  account(id: number) {
    return this.accounts.get(id);
  }
  agent(id: number) {
    return this.users.get(id);
  }
  inbox(id: number) {
    return this.inboxes.get(id);
  }
  team(id: number) {
    const team = this.teams.get(id);
    return team ? { id: team.id, name: team.name } : undefined;
  }
  contact(id: number) {
    return this.contactsById.get(id);
  }
  contactInboxById(id: number) {
    return this.contactInboxes.get(id);
  }
  contactInboxesOf(contactId: number): FakeContactInboxRecord[] {
    return [...this.contactInboxes.values()].filter((link) => link.contactId === contactId);
  }
  conversationById(id: number) {
    return this.conversations.get(id);
  }
  conversationByDisplayId(accountId: number, displayId: number) {
    const id = this.displayIds.get(`${accountId}:${displayId}`);
    return id === undefined ? undefined : this.conversations.get(id);
  }

  /**
   * Ids of the account's contacts whose `field` equals `value` (email and identifier compared case-insensitively,
   * as the filter does; callers compare exactly where the model does).
   */
  contactIdsBy(accountId: number, field: IndexedField, value: string): number[] {
    return [...(this.contactIndex.get(`${accountId}:${field}`)?.get(indexKey(field, value)) ?? [])];
  }

  private indexContact(contact: FakeContactRecord, add: boolean): void {
    for (const field of INDEXED_FIELDS) {
      const value = contact[field];
      if (!value) continue;
      const key = `${contact.accountId}:${field}`;
      let byValue = this.contactIndex.get(key);
      if (!byValue) this.contactIndex.set(key, (byValue = new Map()));
      const normalised = indexKey(field, value);
      let ids = byValue.get(normalised);
      if (add) {
        if (!ids) byValue.set(normalised, (ids = new Set()));
        ids.add(contact.id);
      } else {
        ids?.delete(contact.id);
        if (ids?.size === 0) byValue.delete(normalised);
      }
    }
  }
  messagesOf(conversationId: number): FakeMessageRecord[] {
    return (this.messagesByConversation.get(conversationId) ?? []).map((id) => this.messages.get(id)!);
  }
  contactsOf(accountId: number): FakeContactRecord[] {
    return [...this.contactsById.values()].filter((contact) => contact.accountId === accountId);
  }
  agentsOf(accountId: number): FakeAgentRecord[] {
    const account = this.accounts.get(accountId);
    return account ? [...account.members.keys()].map((id) => this.users.get(id)!) : [];
  }

  // ---- accounts, users, inboxes (seeding) ---------------------------------------------------------------

  addAccount(id: number, name = `Account ${id}`): AccountRecord {
    const existing = this.accounts.get(id);
    if (existing) return existing;
    const account: AccountRecord = { id, name, members: new Map(), nextDisplayId: 1, customAttributes: new Map() };
    this.accounts.set(id, account);
    this.nextId('accounts', id);
    return account;
  }

  addUser(
    accountId: number,
    input: { id?: number; name: string; email: string; role?: 'agent' | 'administrator'; availability_status?: FakeAgentRecord['availability_status']; access_token?: string; inboxIds?: number[] },
    label = 'user',
  ): FakeAgentRecord {
    const account = this.addAccount(accountId);
    const user: FakeAgentRecord = {
      id: this.nextId('users', input.id),
      name: input.name,
      email: input.email.toLowerCase(),
      role: input.role ?? 'agent',
      availability_status: input.availability_status ?? 'online',
      access_token: input.access_token ?? null,
      inboxIds: input.inboxIds ? [...input.inboxIds] : null,
    };
    this.users.set(user.id, user);
    account.members.set(user.id, user.role);
    if (user.access_token) this.tokens.set(user.access_token, { kind: 'user', user, label });
    return user;
  }

  addBotToken(accountId: number, token: string, label = 'bot'): void {
    this.addAccount(accountId);
    this.tokens.set(token, { kind: 'bot', botId: this.nextId('agent_bots'), accountId, label });
  }

  addInbox(accountId: number, input: SeedInbox): FakeInboxRecord {
    this.addAccount(accountId);
    const channel = input.channel_type ?? 'Channel::Api';
    const inbox: FakeInboxRecord = {
      id: this.nextId('inboxes', input.id),
      accountId,
      name: input.name,
      channel_type: channel,
      website_token: input.website_token ?? (channel === 'Channel::WebWidget' ? randomBytes(12).toString('hex') : null),
      phone_number: input.phone_number ?? null,
      lock_to_single_conversation: input.lock_to_single_conversation ?? false,
      hmac_token: input.hmac_token ?? null,
    };
    this.inboxes.set(inbox.id, inbox);
    return inbox;
  }

  addCustomAttributeDefinition(accountId: number, input: SeedCustomAttributeDefinition): void {
    const account = this.addAccount(accountId);
    account.customAttributes.set(`${input.attribute_model ?? 'contact_attribute'}:${input.attribute_key}`, input.attribute_display_type);
  }

  /** The account's contact custom attributes: key → display type. */
  contactAttributeTypes(accountId: number): Map<string, SeedCustomAttributeDefinition['attribute_display_type']> {
    const types = new Map<string, SeedCustomAttributeDefinition['attribute_display_type']>();
    for (const [modelAndKey, type] of this.accounts.get(accountId)?.customAttributes ?? []) {
      if (modelAndKey.startsWith('contact_attribute:')) types.set(modelAndKey.slice('contact_attribute:'.length), type);
    }
    return types;
  }

  addTeam(accountId: number, input: { id?: number; name: string }) {
    const team = { id: this.nextId('teams', input.id), name: input.name, accountId };
    this.teams.set(team.id, team);
    return team;
  }

  /** Seeds a contact without validation, so tests can plant the data real accounts accumulate. */
  seedContact(accountId: number, input: SeedContact): FakeContactRecord {
    this.addAccount(accountId);
    const now = this.seconds();
    const contact: FakeContactRecord = {
      id: this.nextId('contacts', input.id),
      accountId,
      name: input.name ?? '',
      email: input.email?.toLowerCase() ?? null,
      phone_number: input.phone_number ?? null,
      identifier: input.identifier ?? null,
      blocked: false,
      custom_attributes: input.custom_attributes ?? {},
      additional_attributes: input.additional_attributes ?? {},
      created_at: now,
      updated_at: now,
      last_activity_at: input.last_activity_at ?? null,
    };
    this.contactsById.set(contact.id, contact);
    this.indexContact(contact, true);
    return contact;
  }

  // ---- contacts -----------------------------------------------------------------------------------------

  /**
   * Milliseconds between a contact create's validation and its INSERT (see {@link FakeDb.prepareContact}); 0 runs
   * them back to back, so concurrent creates never race. Set by the `contactCreateRaceMs` option.
   */
  contactCreateRaceMs = 0;

  createContact(accountId: number, input: ContactInput): FakeContactRecord {
    return this.insertContact(this.prepareContact(accountId, input));
  }

  /**
   * The first half of Rails' `save!` on a new contact: normalise and run the model validations (422), uniqueness
   * included — a SELECT that sees only contacts already inserted. {@link FakeDb.insertContact} is the second half.
   */
  prepareContact(accountId: number, input: ContactInput): FakeContactRecord {
    const values = this.normaliseContactInput(input);
    const now = this.seconds();
    const draft: FakeContactRecord = {
      id: 0,
      accountId,
      name: values.name ?? '',
      email: values.email ?? null,
      phone_number: values.phone_number ?? null,
      identifier: values.identifier ?? null,
      blocked: values.blocked ?? false,
      custom_attributes: values.custom_attributes ?? {},
      additional_attributes: values.additional_attributes ?? {},
      created_at: now,
      updated_at: now,
      last_activity_at: null,
    };
    this.validateContact(draft);
    return draft;
  }

  /**
   * The INSERT of a validated contact. Chatwoot's db/schema.rb has unique indexes on (email, account_id) and
   * (identifier, account_id) only — the phone number's is not unique — so a contact validated before another one
   * with the same email or identifier was inserted fails here with the unrescued ActiveRecord::RecordNotUnique
   * (500), while one with the same phone number is inserted: a duplicate, as in Chatwoot.
   */
  insertContact(draft: FakeContactRecord): FakeContactRecord {
    const collides = (field: 'email' | 'identifier') => {
      const value = draft[field];
      return (
        value !== null &&
        this.contactIdsBy(draft.accountId, field, value).some((id) => this.contactsById.get(id)![field] === value)
      );
    };
    if (collides('email') || collides('identifier')) throw internalServerError();
    draft.id = this.nextId('contacts');
    this.contactsById.set(draft.id, draft);
    this.indexContact(draft, true);
    this.emit('contact_created', draft.accountId, () => contactWebhookData(this, draft));
    return draft;
  }

  /** Undoes {@link FakeDb.insertContact} when the request's transaction rolls back (its event is dropped with it). */
  discardContact(contact: FakeContactRecord): void {
    this.indexContact(contact, false);
    this.contactsById.delete(contact.id);
  }

  updateContact(contact: FakeContactRecord, input: ContactInput): FakeContactRecord {
    const values = this.normaliseContactInput(input);
    const draft: FakeContactRecord = {
      ...contact,
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.email !== undefined ? { email: values.email } : {}),
      ...(values.phone_number !== undefined ? { phone_number: values.phone_number } : {}),
      ...(values.identifier !== undefined ? { identifier: values.identifier } : {}),
      ...(values.blocked !== undefined ? { blocked: values.blocked } : {}),
      // Chatwoot merges these two shallowly on update (contacts_controller#contact_update_params).
      custom_attributes: { ...contact.custom_attributes, ...(values.custom_attributes ?? {}) },
      additional_attributes: { ...contact.additional_attributes, ...(values.additional_attributes ?? {}) },
    };
    this.validateContact(draft);
    const before = snapshotContact(contact);
    const changes = changedAttributes(before, snapshotContact(draft));
    if (changes.length === 0) return contact;
    this.indexContact(contact, false);
    Object.assign(contact, draft, { updated_at: this.seconds() });
    this.indexContact(contact, true);
    this.emit('contact_updated', contact.accountId, () => ({
      ...contactWebhookData(this, contact),
      changed_attributes: changes,
    }));
    return contact;
  }

  /** Deletes a contact record (a merged-away contact: see `contact-identify.ts`). */
  removeContact(contact: FakeContactRecord): void {
    this.indexContact(contact, false);
    this.contactsById.delete(contact.id);
  }

  private normaliseContactInput(input: ContactInput) {
    const text = (value: unknown, attribute: string): string | null | undefined => {
      if (value === undefined) return undefined;
      if (value === null || value === '') return null;
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      throw errors.invalid([{ attribute, message: `${humanise(attribute)} is invalid` }]);
    };
    const object = (value: unknown, attribute: string): Record<string, unknown> | undefined => {
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
      throw errors.invalid([{ attribute, message: `${humanise(attribute)} is invalid` }]);
    };
    const email = text(input.email, 'email');
    return {
      name: text(input.name, 'name') ?? (input.name === undefined ? undefined : ''),
      // before_validation: emails are stored downcased and stripped.
      email: typeof email === 'string' ? email.trim().toLowerCase() : email,
      phone_number: text(input.phone_number, 'phone_number'),
      identifier: text(input.identifier, 'identifier'),
      blocked: input.blocked === undefined ? undefined : Boolean(input.blocked),
      custom_attributes: object(input.custom_attributes, 'custom_attributes'),
      additional_attributes: object(input.additional_attributes, 'additional_attributes'),
    };
  }

  private validateContact(draft: FakeContactRecord): void {
    const problems: Array<{ attribute: string; message: string }> = [];
    if (draft.email && !EMAIL.test(draft.email)) problems.push({ attribute: 'email', message: 'Email Invalid email' });
    if (draft.phone_number && !E164.test(draft.phone_number)) {
      problems.push({ attribute: 'phone_number', message: 'Phone number should be in e164 format' });
    }
    if (draft.name.length > 255) {
      problems.push({ attribute: 'name', message: 'Name is too long (maximum is 255 characters)' });
    }
    const takenBy = (field: IndexedField, value: string | null) =>
      value !== null &&
      value !== '' &&
      this.contactIdsBy(draft.accountId, field, value).some(
        // Email is stored downcased; identifier and phone uniqueness are exact.
        (id) => id !== draft.id && this.contactsById.get(id)![field] === value,
      );
    if (takenBy('email', draft.email)) problems.push({ attribute: 'email', message: 'Email has already been taken' });
    if (takenBy('phone_number', draft.phone_number)) {
      problems.push({ attribute: 'phone_number', message: 'Phone number has already been taken' });
    }
    if (takenBy('identifier', draft.identifier)) {
      problems.push({ attribute: 'identifier', message: 'Identifier has already been taken' });
    }
    if (problems.length > 0) throw errors.invalid(dedupe(problems));
  }

  // ---- contact inboxes: see contactInboxes.ts (ContactInboxBuilder) ------------------------------------------

  // ---- conversations ------------------------------------------------------------------------------------

  createConversation(input: {
    accountId: number;
    contact: FakeContactRecord;
    inbox: FakeInboxRecord;
    contactInbox: FakeContactInboxRecord;
    status?: FakeConversationRecord['status'];
    assigneeId?: number | null;
    teamId?: number | null;
    custom_attributes?: Record<string, unknown>;
    additional_attributes?: Record<string, unknown>;
  }): { conversation: FakeConversationRecord; created: boolean } {
    if (input.inbox.lock_to_single_conversation) {
      // ConversationBuilder: a locked inbox hands back the contact inbox's latest conversation, whatever its status.
      const existing = [...this.conversations.values()]
        .filter((conversation) => conversation.contactInboxId === input.contactInbox.id)
        .at(-1);
      if (existing) return { conversation: existing, created: false };
    }
    const account = this.accounts.get(input.accountId)!;
    const now = this.seconds();
    const conversation: FakeConversationRecord = {
      id: this.nextId('conversations'),
      display_id: account.nextDisplayId++,
      accountId: input.accountId,
      inboxId: input.inbox.id,
      contactId: input.contact.id,
      contactInboxId: input.contactInbox.id,
      uuid: randomUUID(),
      status: input.status ?? 'open',
      priority: null,
      assigneeId: input.assigneeId ?? null,
      teamId: input.teamId ?? null,
      labels: [],
      custom_attributes: input.custom_attributes ?? {},
      additional_attributes: input.additional_attributes ?? {},
      snoozed_until: null,
      created_at: now,
      updated_at: now,
      last_activity_at: now,
    };
    this.conversations.set(conversation.id, conversation);
    this.displayIds.set(`${conversation.accountId}:${conversation.display_id}`, conversation.id);
    this.messagesByConversation.set(conversation.id, []);
    this.emit('conversation_created', conversation.accountId, () => conversationWebhookData(this, conversation));
    return { conversation, created: true };
  }

  /** Applies changes to a conversation and emits conversation_updated (and _status_changed) when anything changed. */
  updateConversation(
    conversation: FakeConversationRecord,
    changes: Partial<Pick<FakeConversationRecord, 'status' | 'assigneeId' | 'teamId' | 'labels' | 'custom_attributes' | 'snoozed_until' | 'priority'>>,
  ): void {
    const before = snapshotConversation(conversation);
    Object.assign(conversation, changes);
    const changed = changedAttributes(before, snapshotConversation(conversation));
    if (changed.length === 0) return;
    conversation.updated_at = this.seconds();
    if (changed.some((change) => 'status' in change)) {
      this.emit('conversation_status_changed', conversation.accountId, () => ({
        ...conversationWebhookData(this, conversation),
        changed_attributes: changed,
      }));
    }
    this.emit('conversation_updated', conversation.accountId, () => ({
      ...conversationWebhookData(this, conversation),
      changed_attributes: changed,
    }));
  }

  // ---- messages -----------------------------------------------------------------------------------------

  createMessage(
    conversation: FakeConversationRecord,
    input: Omit<FakeMessageRecord, 'id' | 'accountId' | 'inboxId' | 'conversationId' | 'created_at' | 'status'>,
  ): FakeMessageRecord {
    const since = this.seconds() - 60;
    const recent = this.messagesOf(conversation.id).filter((message) => message.created_at > since).length;
    if (recent >= MESSAGES_PER_CONVERSATION_PER_MINUTE) {
      throw errors.invalid([{ attribute: 'base', message: 'Too many messages' }]);
    }
    const message: FakeMessageRecord = {
      ...input,
      id: this.nextId('messages'),
      accountId: conversation.accountId,
      inboxId: conversation.inboxId,
      conversationId: conversation.id,
      status: 'sent',
      created_at: this.seconds(),
    };
    this.messages.set(message.id, message);
    this.messagesByConversation.get(conversation.id)!.push(message.id);
    conversation.last_activity_at = message.created_at;
    if (message.message_type === 0) {
      // An incoming message reopens a resolved or snoozed conversation.
      if (conversation.status !== 'open' && conversation.status !== 'pending') {
        this.updateConversation(conversation, { status: 'open', snoozed_until: null });
      }
    }
    this.emit('message_created', conversation.accountId, () => messageWebhookData(this, message));
    const contactSender = message.sender?.type === 'contact' ? this.contactsById.get(message.sender.id) : undefined;
    if (contactSender) recordContactActivity(this, contactSender);
    return message;
  }

  // ---- webhooks -----------------------------------------------------------------------------------------

  saveWebhook(accountId: number, input: { url?: unknown; name?: unknown; subscriptions?: unknown }, existing?: FakeWebhookRecord): FakeWebhookRecord {
    const draft: FakeWebhookRecord = existing
      ? { ...existing }
      : { id: 0, accountId, url: '', name: null, subscriptions: [], secret: newSecureToken() };
    if (input.url !== undefined) draft.url = typeof input.url === 'string' ? input.url : '';
    if (input.name !== undefined) draft.name = typeof input.name === 'string' ? input.name : null;
    if (input.subscriptions !== undefined) {
      draft.subscriptions = Array.isArray(input.subscriptions) ? input.subscriptions.map(String) : [];
    }
    const problems: Array<{ attribute: string; message: string }> = [];
    if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(draft.url)) problems.push({ attribute: 'url', message: 'Url is invalid' });
    for (const other of this.webhooks.values()) {
      if (other.accountId === accountId && other.id !== draft.id && other.url === draft.url) {
        problems.push({ attribute: 'url', message: 'Url has already been taken' });
      }
    }
    if (draft.subscriptions.some((name) => !WEBHOOK_EVENTS.has(name))) {
      problems.push({ attribute: 'subscriptions', message: 'Subscriptions Invalid events' });
    }
    if (problems.length > 0) throw errors.invalid(problems);
    if (!existing) draft.id = this.nextId('webhooks');
    const saved = existing ? Object.assign(existing, draft) : draft;
    this.webhooks.set(saved.id, saved);
    return saved;
  }
}

/** Contact fields with an index (the ones Chatwoot keeps unique per account). */
export type IndexedField = 'email' | 'phone_number' | 'identifier';
const INDEXED_FIELDS: IndexedField[] = ['email', 'phone_number', 'identifier'];

function indexKey(field: IndexedField, value: string): string {
  return field === 'phone_number' ? value : value.toLowerCase();
}

const WEBHOOK_EVENTS = new Set([
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
  'message_created',
  'message_updated',
  'contact_created',
  'contact_updated',
  'webwidget_triggered',
  'inbox_created',
  'inbox_updated',
  'conversation_typing_on',
  'conversation_typing_off',
]);

function snapshotContact(contact: FakeContactRecord): Record<string, unknown> {
  const { name, email, phone_number, identifier, blocked, custom_attributes, additional_attributes } = contact;
  return { name, email, phone_number, identifier, blocked, custom_attributes, additional_attributes };
}

function snapshotConversation(conversation: FakeConversationRecord): Record<string, unknown> {
  return {
    status: conversation.status,
    assignee_id: conversation.assigneeId,
    team_id: conversation.teamId,
    label_list: conversation.labels,
    custom_attributes: conversation.custom_attributes,
    // previous_changes holds the Time itself, which the webhook's JSON renders as ISO 8601.
    snoozed_until: isoTime(conversation.snoozed_until),
    priority: conversation.priority,
  };
}

function humanise(attribute: string): string {
  const words = attribute.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { HttpError };

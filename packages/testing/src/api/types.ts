import type { RouteModule } from '../route';

/** A REST request as the stand-in logged it (no headers: the token stays out of logs here too). */
export interface FakeApiRequestRecord {
  method: string;
  /** Path without the query string, e.g. `/api/v1/accounts/1/contacts/filter`. */
  path: string;
  /** Parsed query, repeated keys as arrays. */
  query: Record<string, string | string[]>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  /** Which seeded token was used: `admin`, `agent`, `bot`, a custom name, `invalid` or `none`. */
  auth: string;
  status: number;
  /** The fault that was injected, if any. */
  fault?: FakeApiFaultKind;
  at: number;
}

/** Kinds of failure the stand-in can inject. */
export type FakeApiFaultKind = '500' | '429' | 'timeout' | 'drop';

/**
 * One failure-injection rule. A request matching `route` (a `"METHOD /path"` string prefix or a RegExp tested on
 * `"METHOD /path"`, e.g. `/^POST \/api\/v1\/accounts\/\d+\/contacts$/`) fails with probability `rate`.
 */
export interface FakeApiFault {
  kind: FakeApiFaultKind;
  /** 0..1; default 1. */
  rate?: number;
  route?: string | RegExp;
  /** Fail at most this many times, then stop (default: no limit). */
  times?: number;
  /**
   * `before` (default): fail without touching state. `after`: process the request, then fail the answer, as when
   * Chatwoot saved a record but the response was lost (the case that makes blind retries create duplicates).
   */
  phase?: 'before' | 'after';
}

/** Latency added to each answer: a fixed number of ms, or a uniform range. */
export type FakeApiLatency = number | { minMs: number; maxMs: number };

/** Options of the REST API stand-in (all can be changed later with `fake.api.configure()`). */
export interface FakeApiOptions {
  /** The account seeded at start (default 1). More accounts with `fake.api.seed({ accounts })`. */
  accountId?: number;
  /** Tokens of the seeded users; defaults `test-admin-token`, `test-agent-token`, `test-bot-token`. */
  tokens?: { admin?: string; agent?: string; bot?: string };
  /**
   * Chatwoot's rack_attack limits, per fixed clock minute: requests per IP (default 3000) and contact searches per
   * account (default 100). `false` turns them off (benchmarks that test only the client's own limiter).
   */
  rateLimit?: { perMinute?: number; searchPerMinute?: number } | false;
  /** Latency before each answer, default 0. */
  latency?: FakeApiLatency;
  faults?: FakeApiFault[];
  /** How long a `timeout` fault holds the request before dropping it (default 60 s; close() ends it sooner). */
  timeoutHoldMs?: number;
  /** POST events to the account webhooks registered through the API (default true). */
  deliverWebhooks?: boolean;
  /**
   * Milliseconds a `POST /contacts` waits between its validations and its INSERT (default 0). Rails checks uniqueness
   * with a SELECT before inserting, so concurrent creates inside this window all pass it: the same phone number makes
   * duplicates (no unique index), the same email or identifier a 500 (its unique index).
   */
  contactCreateRaceMs?: number;
  /**
   * Chatwoot's `ENABLE_INBOX_EVENTS` (default false, as in Chatwoot): only with it do inboxes created or updated
   * through the API send `inbox_created` / `inbox_updated` (app/models/inbox.rb).
   */
  inboxEvents?: boolean;
  /** Random source for fault rates and latency ranges (default Math.random); pass a seeded one for repeatable runs. */
  random?: () => number;
  /** Clock in ms (default Date.now), for rate-limit windows and timestamps. */
  now?: () => number;
}

/** Chatwoot's channel types the stand-in knows. */
export type FakeChannelType =
  | 'Channel::WebWidget'
  | 'Channel::Api'
  | 'Channel::Whatsapp'
  | 'Channel::Email'
  | 'Channel::Sms';

/** Seed input for an inbox. */
export interface SeedInbox {
  id?: number;
  name: string;
  channel_type?: FakeChannelType;
  /** For `Channel::WebWidget`: the website token the widget stand-in uses (links visitor messages to this inbox). */
  website_token?: string;
  /** For WhatsApp/SMS: the business number. */
  phone_number?: string;
  lock_to_single_conversation?: boolean;
  /** For `Channel::WebWidget`: the identity-validation HMAC token. */
  hmac_token?: string;
}

/** Seed input for an agent (a user of the account). */
export interface SeedAgent {
  id?: number;
  name: string;
  email: string;
  role?: 'agent' | 'administrator';
  availability_status?: 'online' | 'busy' | 'offline';
  /** Gives the agent an API token. */
  access_token?: string;
  /**
   * The inboxes the agent is a member of (Chatwoot's inbox members): an agent-role token sees and opens only their
   * conversations. Default: every inbox of the account, present and future (administrators always see all).
   */
  inboxIds?: number[];
}

/** Seed input for a contact. Validation is skipped for seeds, so traps (duplicates, bad phones) can be planted. */
export interface SeedContact {
  id?: number;
  name?: string;
  email?: string | null;
  phone_number?: string | null;
  identifier?: string | null;
  custom_attributes?: Record<string, unknown>;
  additional_attributes?: Record<string, unknown>;
  /** Unix seconds. */
  last_activity_at?: number | null;
}

/**
 * A custom attribute definition of the account (Chatwoot's Settings → Custom attributes). The contact filter only
 * accepts, beyond its standard keys, keys defined with `attribute_model: 'contact_attribute'`, and casts them by
 * display type (number → numeric, date → date, checkbox → boolean, text / link / list → case-insensitive text).
 */
export interface SeedCustomAttributeDefinition {
  attribute_key: string;
  attribute_display_type: 'text' | 'number' | 'date' | 'link' | 'list' | 'checkbox';
  /** Default `contact_attribute`. */
  attribute_model?: 'contact_attribute' | 'conversation_attribute';
}

/** What `fake.api.seed()` takes. Everything goes to `accountId` (default: the first account). */
export interface FakeApiSeed {
  accountId?: number;
  accounts?: Array<{ id: number; name?: string }>;
  agents?: SeedAgent[];
  inboxes?: SeedInbox[];
  contacts?: SeedContact[];
  teams?: Array<{ id?: number; name: string }>;
  /** Extra agent-bot tokens of the account. */
  botTokens?: string[];
  customAttributeDefinitions?: SeedCustomAttributeDefinition[];
}

/** What `fake.api.seed()` returns: the records created, with their ids. */
export interface FakeApiSeedResult {
  agents: FakeAgentRecord[];
  inboxes: FakeInboxRecord[];
  contacts: FakeContactRecord[];
}

export interface FakeAgentRecord {
  id: number;
  name: string;
  email: string;
  role: 'agent' | 'administrator';
  availability_status: 'online' | 'busy' | 'offline';
  access_token: string | null;
  /** Inboxes the agent is a member of; null: every inbox of the account. */
  inboxIds: number[] | null;
}

export interface FakeInboxRecord {
  id: number;
  accountId: number;
  name: string;
  channel_type: FakeChannelType;
  website_token: string | null;
  phone_number: string | null;
  lock_to_single_conversation: boolean;
  hmac_token: string | null;
}

export interface FakeContactRecord {
  id: number;
  accountId: number;
  name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  blocked: boolean;
  custom_attributes: Record<string, unknown>;
  additional_attributes: Record<string, unknown>;
  /** Unix seconds. */
  created_at: number;
  updated_at: number;
  last_activity_at: number | null;
}

export interface FakeContactInboxRecord {
  id: number;
  contactId: number;
  inboxId: number;
  source_id: string;
  hmac_verified: boolean;
}

export interface FakeConversationRecord {
  /** Database id (never used in REST paths). */
  id: number;
  /** The per-account number REST paths and webhooks use as `id`. */
  display_id: number;
  accountId: number;
  inboxId: number;
  contactId: number;
  contactInboxId: number;
  uuid: string;
  status: 'open' | 'resolved' | 'pending' | 'snoozed';
  priority: 'urgent' | 'high' | 'medium' | 'low' | null;
  assigneeId: number | null;
  teamId: number | null;
  labels: string[];
  custom_attributes: Record<string, unknown>;
  additional_attributes: Record<string, unknown>;
  /** Unix seconds (REST answers show it as an ISO datetime). */
  snoozed_until: number | null;
  created_at: number;
  updated_at: number;
  last_activity_at: number;
}

export interface FakeMessageRecord {
  id: number;
  accountId: number;
  inboxId: number;
  /** The conversation's database id. */
  conversationId: number;
  content: string | null;
  /** 0 incoming, 1 outgoing, 2 activity, 3 template. */
  message_type: 0 | 1 | 2 | 3;
  content_type: string;
  content_attributes: Record<string, unknown>;
  private: boolean;
  source_id: string | null;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  sender: { type: 'contact' | 'user' | 'agent_bot'; id: number } | null;
  template_params: Record<string, unknown> | null;
  created_at: number;
}

export interface FakeWebhookRecord {
  id: number;
  accountId: number;
  url: string;
  name: string | null;
  subscriptions: string[];
  /** Signing secret; webhook delivery signs with it. */
  secret: string;
}

/** An account label (Chatwoot's `Label`): what `GET /labels` lists. Conversation labels are plain titles. */
export interface FakeLabelRecord {
  id: number;
  accountId: number;
  /** Always lower case: Chatwoot downcases it before validation. */
  title: string;
  description: string | null;
  color: string;
  show_on_sidebar: boolean | null;
}

/** A domain event, with the payload Chatwoot would POST to an account webhook (it carries `event`). */
export interface FakeApiEvent {
  event:
    | 'contact_created'
    | 'contact_updated'
    | 'conversation_created'
    | 'conversation_updated'
    | 'conversation_status_changed'
    | 'message_created'
    | 'inbox_created'
    | 'inbox_updated';
  accountId: number;
  payload: Record<string, unknown> & { event: string };
}

/** One webhook delivery the stand-in made (or skipped). */
/**
 * One webhook delivery the stand-in made: to an account webhook (`target: 'account'`, its `webhookId`), to an API
 * inbox's own `webhook_url` (`target: 'api_inbox'`, its `inboxId`) or to an agent bot's `outgoing_url`
 * (`target: 'agent_bot'`, its `agentBotId`).
 */
export type FakeWebhookDelivery = FakeWebhookDeliveryBase &
  (
    | { target: 'account'; webhookId: number }
    | { target: 'api_inbox'; inboxId: number }
    | { target: 'agent_bot'; agentBotId: number }
  );

interface FakeWebhookDeliveryBase {
  url: string;
  /** The event delivered; agent bots also get `conversation_opened` / `conversation_resolved`. */
  event: FakeApiEvent['event'] | 'conversation_opened' | 'conversation_resolved';
  payload: FakeApiEvent['payload'];
  /** Null while in flight. `result.body` holds the exact bytes sent (Rails-escaped JSON). */
  result: import('../webhooks/index').WebhookDeliveryResult | null;
  /** Why it was not sent (only loopback URLs are dialled). */
  skipped?: string;
}

/** A message a visitor typed in the widget, to be recorded as an incoming API message. */
export interface FakeIncomingVisitorMessage {
  websiteToken: string;
  /** The widget stand-in's contact id for the visitor (kept stable across messages). */
  visitorId: number | string;
  content: string;
  name?: string | null;
  email?: string | null;
  phone_number?: string | null;
  identifier?: string | null;
}

/** What a widget visitor's `setUser` gave: the identifier and the user's contact fields. */
export interface FakeVisitorIdentity {
  websiteToken: string;
  /** The widget stand-in's contact id for the visitor. */
  visitorId: number | string;
  identifier: string;
  name?: string | null;
  email?: string | null;
  phone_number?: string | null;
  custom_attributes?: Record<string, unknown>;
  additional_attributes?: Record<string, unknown>;
}

/** A public agent (or API) reply in a conversation a widget visitor started: what their widget pages must show. */
export interface FakeWidgetReply {
  websiteToken: string;
  /** The widget stand-in's contact id for the visitor (as given to `recordVisitorMessage`). */
  visitorId: number | string;
  content: string;
  /** The sender's name (the user or bot whose token created the message). */
  agentName: string;
  /** The conversation's display_id. */
  conversationId: number;
  messageId: number;
}

/** The REST API side of the Chatwoot stand-in. */
export interface FakeApi extends RouteModule {
  setBaseUrl(url: string): void;
  /** Change latency, faults, rate limits, … while running. `faults` replaces the list. */
  configure(options: Partial<Omit<FakeApiOptions, 'accountId' | 'tokens'>>): void;
  /** The seeded tokens: an administrator's, an agent's and an agent bot's (bots cannot touch contacts). */
  readonly tokens: { admin: string; agent: string; bot: string };
  /** The default account's id. */
  readonly accountId: number;
  /** Adds accounts, agents, inboxes, contacts, teams and bot tokens. */
  seed(seed: FakeApiSeed): FakeApiSeedResult;
  /** Every contact of an account (default account), in id order. */
  contacts(accountId?: number): FakeContactRecord[];
  /** Every conversation of an account, in id order. */
  conversations(accountId?: number): FakeConversationRecord[];
  /** Messages of a conversation by its display_id, oldest first. */
  messages(displayId: number, accountId?: number): FakeMessageRecord[];
  inboxes(accountId?: number): FakeInboxRecord[];
  contactInboxes(contactId: number): FakeContactInboxRecord[];
  /** Account webhooks (with secrets), as registered through the API. */
  webhooks(accountId?: number): FakeWebhookRecord[];
  /** The request log, oldest first (optionally filtered by method and a path substring). */
  requests(filter?: { method?: string; path?: string | RegExp }): FakeApiRequestRecord[];
  /** Forgets the request log. */
  clearRequests(): void;
  /** Webhook deliveries made so far (each event × each subscribed account webhook), oldest first. */
  deliveries(): FakeWebhookDelivery[];
  /** Waits until every webhook delivery started so far has finished. */
  settleDeliveries(): Promise<void>;
  /** Listens to domain events; returns an unsubscribe function. */
  onEvent(listener: (event: FakeApiEvent) => void): () => void;
  /** The real-time endpoint `/cable` (Action Cable, Chatwoot's RoomChannel) and its fault controls. */
  cable: {
    handleUpgrade(req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): boolean;
    /** Drops every open cable connection. */
    dropConnections(): void;
    /** Whether the user subscribed or sent `update_presence` within OnlineStatusTracker's 20 s window. */
    isUserOnline(userId: number, accountId?: number): boolean;
  };
  /** Records a widget visitor's message as Chatwoot would: contact, contact inbox, conversation, incoming message. */
  recordVisitorMessage(input: FakeIncomingVisitorMessage): { contactId: number; conversationId: number; messageId: number };
  /**
   * A widget visitor's valid `setUser`, as Chatwoot's ContactIdentifyAction applies it: merged into an existing
   * contact of the account with the same identifier, email or phone (`src/api/contact-identify.ts` has the rules).
   * Returns the contact id that stands for the visitor now, if any.
   */
  identifyVisitor(input: FakeVisitorIdentity): number | undefined;
  /**
   * Called for every public outgoing (or template) message created in a conversation of a contact that
   * `recordVisitorMessage` made, in that visitor's website inbox. `startFakeChatwoot` hooks this to show the reply
   * in the visitor's widget pages, as Chatwoot's ActionCable does. Returns an unsubscribe function.
   */
  onWidgetReply(listener: (reply: FakeWidgetReply) => void): () => void;
}

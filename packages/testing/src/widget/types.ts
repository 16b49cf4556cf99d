import type { RouteModule } from '../route';

/** How the stand-in widget side behaves. Every field can also be changed later with `fake.widget.configure()`. */
export interface FakeWidgetOptions {
  /**
   * How long the widget page waits before it listens and posts `loaded` (default 150 ms). Messages the SDK posts
   * before then are lost, as with the real widget.
   */
  loadedDelayMs?: number;
  /** Pads `/packs/js/sdk.js` with a comment up to this many bytes (e.g. 30_000, the real SDK's raw size). */
  sdkPaddingBytes?: number;
  /** Answer `/packs/js/sdk.js` with this status instead of 200 (e.g. 404 or 500), to test load failures. */
  sdkStatus?: number;
  /** Hold the `/packs/js/sdk.js` answer this long (to test load timeouts). */
  sdkDelayMs?: number;
  /** Only these website tokens exist (others get a 404 widget page). Default: every token is an inbox. */
  websiteTokens?: string[];
  /** Per website token, the inbox's HMAC token for identity validation (`identifier_hash`). Never sent to pages. */
  hmacTokens?: Record<string, string>;
  /** With an HMAC token set, also reject a `setUser` that carries no `identifier_hash` (Chatwoot's `hmac_mandatory`). */
  hmacMandatory?: boolean;
  /** How often a widget page polls the stand-in for agent messages and postbacks (default 100 ms). */
  pollIntervalMs?: number;
  /** The inbox colour sent in `loaded.config.channelConfig.widgetColor` (default `#1f93ff`). */
  widgetColor?: string;
}

/** A message as the widget sees it (and as `chatwoot:on-message` carries it). */
export interface FakeWidgetMessage {
  id: number;
  content: string;
  /** 0 = incoming (from the visitor), 1 = outgoing (from an agent), as in Chatwoot. */
  message_type: 0 | 1;
  content_type: string;
  content_attributes: Record<string, unknown>;
  /** Unix seconds. */
  created_at: number;
  conversation_id: number;
  sender: { id: number; name: string; type: 'contact' | 'user'; avatar_url: string };
  conversation: { id: number; status: 'open' };
}

/** A website visitor (Chatwoot contact) of one inbox. `identifier` is null until a valid `setUser`. */
export interface FakeVisitor {
  contactId: number;
  websiteToken: string;
  /** As the widget sent it: a number here is the real-Chatwoot trap (never matches an existing contact). */
  identifier: string | number | null;
  name: string | null;
  email: string | null;
  avatar_url: string | null;
  phone_number: string | null;
  /** Whether `identifier_hash` matched the inbox HMAC token (false when none was given or checked). */
  identifierVerified: boolean;
  customAttributes: Record<string, unknown>;
  conversationId: number;
  conversationCustomAttributes: Record<string, unknown>;
  labels: string[];
  messages: FakeWidgetMessage[];
  /** The other fields of the last accepted `setUser` (description, company_name, social_profiles, …). */
  extra: Record<string, unknown>;
}

/** One postMessage event recorded by a widget page, in either direction. */
export interface FakeWidgetEvent {
  websiteToken: string;
  /** One widget page load (a `reset()` or reload makes a new session). */
  session: string;
  contactId: number;
  /** `received`: parent → widget (what the SDK sent); `sent`: widget → parent. */
  direction: 'received' | 'sent';
  /** The event name, e.g. `set-user`, `toggle-open`, `loaded`. */
  event: string;
  /** The whole message as parsed from the wire (includes `event`). */
  message: Record<string, unknown>;
  /** Per-session order, starting at 1. */
  seq: number;
}

/** What `onVisitorMessage` listeners get when a visitor sends a message from a widget page. */
export interface FakeVisitorMessageEvent {
  websiteToken: string;
  visitor: FakeVisitor;
  message: FakeWidgetMessage;
  /** True for the first message of a conversation (Chatwoot creates the conversation then). */
  conversationStarted: boolean;
}

export interface PushAgentMessageInput {
  websiteToken: string;
  content: string;
  /**
   * Only this visitor (a `FakeVisitor.contactId`): stored even when no page of theirs is open, so it shows on the
   * next load. Default: every visitor with an open page in the inbox.
   */
  contactId?: number;
  /**
   * Options (an `input_select` message): clicking one submits it as the message's `submitted_values`, which comes back
   * as a `message.updated` (`chatwoot:on-message` with `previous_changes`). No postback: Chatwoot sends none for it.
   */
  buttons?: Array<{ title: string; value: string }>;
  /** Cards (a `cards` message): a `postback` action's button posts `postback { data: { payload } }`; a `link` opens. */
  cards?: FakeWidgetCard[];
  agentName?: string;
}

/** One card of a `cards` message, as Chatwoot stores it in `content_attributes.items`. */
export interface FakeWidgetCard {
  title: string;
  description?: string;
  media_url?: string;
  actions: Array<{ type: 'postback'; text: string; payload: string } | { type: 'link'; text: string; uri: string }>;
}

/** Where the live widget pages are; `waitFor*` helpers poll this and never wait longer than `timeoutMs`. */
export interface WaitOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

/** Query for recorded events. */
export interface FakeWidgetEventQuery {
  websiteToken?: string;
  direction?: 'received' | 'sent';
  event?: string;
  session?: string;
}

/** The widget side of the Chatwoot stand-in: serves sdk.js, /widget and test controls. */
export interface FakeWidget extends RouteModule {
  setBaseUrl(url: string): void;
  /** Change options while running (e.g. make sdk.js answer 404, then 200 again). */
  configure(options: Partial<FakeWidgetOptions>): void;
  /** Every parent → widget event the widget pages recorded, in order (optionally for one website token). */
  received(websiteToken?: string): FakeWidgetEvent[];
  /** Every widget → parent message the widget pages posted, in order. */
  sent(websiteToken?: string): FakeWidgetEvent[];
  /** Recorded events filtered by token, direction, name and session. */
  events(query?: FakeWidgetEventQuery): FakeWidgetEvent[];
  /** Resolves with the first recorded event matching `query` (already recorded or later); rejects after the timeout. */
  waitForEvent(query: FakeWidgetEventQuery, options?: WaitOptions): Promise<FakeWidgetEvent>;
  /** Every visitor the widget pages created, per inbox. */
  visitors(websiteToken?: string): FakeVisitor[];
  /** Visitors identified by a valid `setUser`. */
  users(websiteToken?: string): FakeVisitor[];
  /**
   * Widget page loads (sessions) per inbox, oldest first. `closed` turns true when the page went away (iframe
   * removed or navigated, e.g. by `reset()` or a wrapper's destroy), reported by a beacon on `pagehide`.
   */
  sessions(websiteToken?: string): Array<{ session: string; websiteToken: string; contactId: number; closed: boolean }>;
  /** Resolves when `count` widget pages of that inbox have been served (default 1); rejects after the timeout. */
  waitForSession(websiteToken: string, options?: WaitOptions & { count?: number }): Promise<string>;
  /**
   * An agent replies: the message reaches the visitor's open widget pages, which emit `chatwoot:on-message`, and
   * when the widget is closed `handleNotificationDot` (and `setUnreadMode`, unless showUnreadMessagesDialog is off).
   * Returns the stored messages (one per visitor it went to).
   */
  pushAgentMessage(input: PushAgentMessageInput): FakeWidgetMessage[];
  /**
   * As if the visitor clicked a card's postback button: the widget pages of that inbox post
   * `postback { data: { payload } }` (only the payload, as Chatwoot's card button sends).
   */
  pushPostback(input: { websiteToken: string; payload: string; contactId?: number }): void;
  /** Makes the widget pages of that inbox post any widget → parent message (e.g. `closeWindow`, `onEvent`). */
  pushWidgetEvent(input: { websiteToken: string; event: string; data?: Record<string, unknown>; contactId?: number }): void;
  /**
   * Called when a visitor sends a message from a widget page. The REST API stand-in hooks this to create its
   * contact, conversation and message records and webhooks. Returns an unsubscribe function.
   */
  onVisitorMessage(listener: (event: FakeVisitorMessageEvent) => void): () => void;
  /**
   * Called after a valid `setUser` with what it gave (`user`: the fields as sent) and the visitor it now stands for.
   * The REST API stand-in hooks this to merge the visitor into a known contact. Returns an unsubscribe function.
   */
  onVisitorIdentified(listener: (event: { websiteToken: string; visitor: FakeVisitor; user: Record<string, unknown> }) => void): () => void;
  /** Forgets every visitor, session, message and recorded event (options stay). */
  reset(): void;
}

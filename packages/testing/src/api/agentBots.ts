// Webhook agent bots: their records, the inbox each is connected to, and which events they receive.
// Chatwoot v4.15.1: app/controllers/api/v1/accounts/agent_bots_controller.rb (create, update),
// app/views/api/v1/models/_agent_bot.json.jbuilder (the answer), app/controllers/api/v1/accounts/inboxes_controller.rb
// (set_agent_bot), app/listeners/agent_bot_listener.rb (the events) and app/jobs/agent_bots/webhook_job.rb (retries).
import type { FakeDb } from './db';
import { errors } from './http';
import { newSecureToken } from './secureToken';
import type { FakeApiEvent, FakeInboxRecord, FakeWebhookDelivery } from './types';

export interface FakeAgentBotRecord {
  id: number;
  accountId: number;
  name: string;
  description: string | null;
  /** Where the bot's webhooks go; a bot without one receives nothing (`process_webhook_bot_event`). */
  outgoing_url: string | null;
  /** has_secure_token :secret (WebhookSecretable), signs each delivery. */
  secret: string;
  /** The bot's API token (`AccessTokenable`). */
  access_token: string;
}

interface BotTables {
  bots: Map<number, FakeAgentBotRecord>;
  /** inbox id → the agent bot connected to it (AgentBotInbox, active). */
  inboxBots: Map<number, number>;
}

const tables = new WeakMap<FakeDb, BotTables>();

function tablesOf(db: FakeDb): BotTables {
  let found = tables.get(db);
  if (!found) {
    found = { bots: new Map(), inboxBots: new Map() };
    tables.set(db, found);
  }
  return found;
}

export function agentBotsOf(db: FakeDb, accountId: number): FakeAgentBotRecord[] {
  return [...tablesOf(db).bots.values()].filter((bot) => bot.accountId === accountId);
}

export function findAgentBot(db: FakeDb, accountId: number, id: number | undefined): FakeAgentBotRecord {
  const bot = id === undefined ? undefined : tablesOf(db).bots.get(id);
  if (!bot || bot.accountId !== accountId) throw errors.notFound();
  return bot;
}

function textOrNull(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** AgentBotsController#create: `name` is required (`validates :name, presence: true`). */
export function createAgentBot(db: FakeDb, accountId: number, body: Record<string, unknown>): FakeAgentBotRecord {
  if (typeof body.name !== 'string' || body.name.trim() === '') {
    throw errors.invalid([{ attribute: 'name', message: "Name can't be blank" }]);
  }
  const bot: FakeAgentBotRecord = {
    id: db.nextId('agent_bots'),
    accountId,
    name: body.name,
    description: textOrNull(body.description) ?? null,
    outgoing_url: textOrNull(body.outgoing_url) ?? null,
    secret: newSecureToken(),
    access_token: newSecureToken(),
  };
  tablesOf(db).bots.set(bot.id, bot);
  db.tokens.set(bot.access_token, { kind: 'bot', botId: bot.id, accountId, label: `agent bot ${bot.name}` });
  return bot;
}

/** AgentBotsController#update of `name`, `description` and `outgoing_url`. */
export function updateAgentBot(bot: FakeAgentBotRecord, body: Record<string, unknown>): FakeAgentBotRecord {
  if (body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim() === '') {
      throw errors.invalid([{ attribute: 'name', message: "Name can't be blank" }]);
    }
    bot.name = body.name;
  }
  const description = textOrNull(body.description);
  if (description !== undefined) bot.description = description;
  const outgoingUrl = textOrNull(body.outgoing_url);
  if (outgoingUrl !== undefined) bot.outgoing_url = outgoingUrl;
  return bot;
}

/** `_agent_bot.json.jbuilder`: `secret` for administrators only. */
export function presentAgentBot(bot: FakeAgentBotRecord, administrator: boolean) {
  return {
    id: bot.id,
    name: bot.name,
    description: bot.description,
    thumbnail: '',
    outgoing_url: bot.outgoing_url,
    bot_type: 'webhook',
    bot_config: {},
    account_id: bot.accountId,
    access_token: bot.access_token,
    ...(administrator ? { secret: bot.secret } : {}),
    system_bot: false,
  };
}

/** InboxesController#set_agent_bot: connect `agentBotId`, or disconnect with null. */
export function setInboxAgentBot(db: FakeDb, inbox: FakeInboxRecord, agentBotId: number | null): void {
  if (agentBotId === null) tablesOf(db).inboxBots.delete(inbox.id);
  else tablesOf(db).inboxBots.set(inbox.id, agentBotId);
}

/**
 * The events AgentBotListener sends to the bot of an event's inbox (Chatwoot also sends them to a conversation's
 * `assignee_agent_bot`, which the stand-in does not model), each under its own name.
 */
export interface AgentBotDelivery {
  bot: FakeAgentBotRecord;
  event: FakeWebhookDelivery['event'];
  payload: Record<string, unknown> & { event: string };
}

/** AgentBotListener#conversation_opened / _resolved: the status change seen from the new status. */
function statusEventFor(payload: Record<string, unknown>): 'conversation_opened' | 'conversation_resolved' | null {
  if (payload.status === 'open') return 'conversation_opened';
  if (payload.status === 'resolved') return 'conversation_resolved';
  return null;
}

/** `Message#webhook_sendable?` (app/models/concerns/message_filter_helpers.rb): not activity messages. */
function webhookSendable(payload: Record<string, unknown>): boolean {
  return payload.message_type !== 'activity';
}

/**
 * What the inbox's bot receives for one stand-in event. Conversation#notify_status_change dispatches
 * `conversation_opened` / `conversation_resolved` before `conversation_status_changed`; account webhooks never get
 * those two (WebhookListener has no handler for them). The bot payload for them is the conversation's webhook data
 * without `changed_attributes`.
 */
export function agentBotDeliveries(db: FakeDb, event: FakeApiEvent, inboxId: number | undefined): AgentBotDelivery[] {
  if (inboxId === undefined) return [];
  const botId = tablesOf(db).inboxBots.get(inboxId);
  const bot = botId === undefined ? undefined : tablesOf(db).bots.get(botId);
  if (!bot || !bot.outgoing_url) return [];
  switch (event.event) {
    case 'conversation_status_changed': {
      const { changed_attributes: _changes, ...conversation } = event.payload;
      const named = statusEventFor(conversation);
      const opened = named ? [{ bot, event: named, payload: { ...conversation, event: named } }] : [];
      return [...opened, { bot, event: event.event, payload: event.payload }];
    }
    case 'conversation_updated':
      return [{ bot, event: event.event, payload: event.payload }];
    case 'message_created':
      return webhookSendable(event.payload) ? [{ bot, event: event.event, payload: event.payload }] : [];
    default:
      // conversation_created is not an AgentBotListener event; contact and inbox events are account-only.
      return [];
  }
}

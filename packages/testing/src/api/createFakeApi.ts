import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildContactInbox } from './contactInboxes';
import { identifyContact } from './contact-identify';
import { FakeDb, type Principal } from './db';
import { createWebhookDispatcher } from './delivery';
import { createCableServer } from '../cable/server';
import { cableBroadcastOf } from '../cable/broadcasts';
import { latencyMs, MinuteCounter, pickFault } from './guard';
import { errors, HttpError, parseQuery, readJsonBody, sendJson, sendThrottled } from './http';
import { botNotInAccount } from './permissions';
import { presentProfile } from './profile';
import { accountRoutes } from './routes/account';
import { agentBotRoutes } from './routes/agentBots';
import { labelRoutes } from './routes/labels';
import { inboxRoutes } from './routes/inboxes';
import { contactRoutes } from './routes/contacts';
import { conversationRoutes } from './routes/conversations';
import type { ApiRoute, RouteResult } from './routes/route';
import type {
  FakeApi,
  FakeApiFault,
  FakeApiFaultKind,
  FakeApiOptions,
  FakeApiRequestRecord,
  FakeApiSeed,
  FakeApiSeedResult,
  FakeIncomingVisitorMessage,
  FakeVisitorIdentity,
  FakeWidgetReply,
} from './types';

/**
 * The API token as Rails sees it (Chatwoot v4.15.1, app/controllers/concerns/access_token_auth_helper.rb): it reads
 * `HTTP_API_ACCESS_TOKEN`, and Rack/Puma map both `api-access-token` and `api_access_token` there. Puma drops the
 * underscore spelling when the hyphenated one is also present, so that one wins here too.
 */
function accessTokenOf(req: IncomingMessage): string | string[] | undefined {
  return req.headers['api-access-token'] ?? req.headers.api_access_token;
}

const DEFAULT_TOKENS = { admin: 'test-admin-token', agent: 'test-agent-token', bot: 'test-bot-token' };
const ACCOUNT_PATH = /^\/api\/v1\/accounts\/([^/]+)(\/.*)?$/;

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

function compile(routes: ApiRoute[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/:([a-z_]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, pattern: new RegExp(`^${source}/?$`), names };
  });
}

const ROUTES = compile([...contactRoutes, ...conversationRoutes, ...accountRoutes, ...labelRoutes, ...inboxRoutes, ...agentBotRoutes]);

/**
 * Creates the in-memory Chatwoot REST API (the Application API subset `@wootkit/server` uses), mounted by
 * `startFakeChatwoot()` under `/api/v1`. Shapes, status codes, error bodies, validation and the 429 behaviour follow
 * Chatwoot's controllers (docs/chatwoot-internals.md, "The Application API"); latency and failures can be injected.
 */
export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const now = options.now ?? Date.now;
  let settings = {
    rateLimit: options.rateLimit,
    latency: options.latency,
    faults: options.faults ?? [],
    timeoutHoldMs: options.timeoutHoldMs ?? 60_000,
    random: options.random ?? Math.random,
    deliverWebhooks: options.deliverWebhooks ?? true,
  };
  const faultUse = new Map<FakeApiFault, number>();
  const db = new FakeDb(now);
  db.contactCreateRaceMs = options.contactCreateRaceMs ?? 0;
  db.inboxEvents = options.inboxEvents ?? false;
  const accountId = options.accountId ?? 1;
  const tokens = { ...DEFAULT_TOKENS, ...options.tokens };
  db.addAccount(accountId, 'Acme');
  db.addUser(accountId, { name: 'Ada Admin', email: 'admin@example.test', role: 'administrator', access_token: tokens.admin }, 'admin');
  db.addUser(accountId, { name: 'Alan Agent', email: 'agent@example.test', role: 'agent', access_token: tokens.agent }, 'agent');
  db.addBotToken(accountId, tokens.bot, 'bot');

  const webhooks = createWebhookDispatcher(db, () => settings.deliverWebhooks);
  db.onEvent(webhooks.dispatch);
  const requestLog: FakeApiRequestRecord[] = [];
  const perIp = new MinuteCounter();
  const searches = new MinuteCounter();
  const held = new Set<{ timer: NodeJS.Timeout; socket: IncomingMessage['socket'] }>();
  const visitorContacts = new Map<string, number>();
  /** API contact id → the widget visitors it stands for (one per website token). */
  const visitorsByContact = new Map<number, Array<{ websiteToken: string; visitorId: number | string }>>();
  const widgetReplyListeners = new Set<(reply: FakeWidgetReply) => void>();
  db.onEvent((event) => {
    if (event.event !== 'message_created' || widgetReplyListeners.size === 0) return;
    const reply = widgetReplyOf(event.payload);
    if (!reply) return;
    for (const listener of widgetReplyListeners) {
      try {
        listener(reply);
      } catch (error) {
        console.error('[fake-chatwoot] onWidgetReply listener threw:', error);
      }
    }
  });

  /** The widget reply a `message_created` payload stands for, if it is a public answer to a widget visitor. */
  function widgetReplyOf(payload: Record<string, unknown>): FakeWidgetReply | undefined {
    const { message_type: type, content } = payload;
    if (payload.private === true || (type !== 'outgoing' && type !== 'template') || typeof content !== 'string') return undefined;
    const conversation = payload.conversation as { id?: number; meta?: { sender?: { id?: number } | null } } | undefined;
    const inboxId = (payload.inbox as { id?: number } | undefined)?.id;
    const websiteToken = inboxId === undefined ? undefined : db.inbox(inboxId)?.website_token;
    const contactId = conversation?.meta?.sender?.id;
    if (!websiteToken || contactId === undefined || conversation?.id === undefined) return undefined;
    const visitor = visitorsByContact.get(contactId)?.find((entry) => entry.websiteToken === websiteToken);
    if (!visitor) return undefined;
    const sender = payload.sender as { name?: unknown } | null | undefined;
    return {
      websiteToken,
      visitorId: visitor.visitorId,
      content,
      agentName: typeof sender?.name === 'string' ? sender.name : 'Agent',
      conversationId: conversation.id,
      messageId: Number(payload.id),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith('/api/v1/')) return false;
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const query = parseQuery(url);
    const record: FakeApiRequestRecord = { method, path, query, body: undefined, auth: 'none', status: 0, at: now() };
    requestLog.push(record);
    const token = accessTokenOf(req);
    const principal = typeof token === 'string' && token !== '' ? db.tokens.get(token) : undefined;
    record.auth = principal ? principal.label : typeof token === 'string' && token !== '' ? 'invalid' : 'none';

    // rack_attack runs before the app: per-IP and per-account search throttles.
    if (settings.rateLimit !== false) {
      const perMinute = settings.rateLimit?.perMinute ?? 3000;
      const searchPerMinute = settings.rateLimit?.searchPerMinute ?? 100;
      const ip = req.socket.remoteAddress ?? 'unknown';
      const searchMatch = /^\/api\/v1\/accounts\/(\d+)\/contacts\/search\/?$/.exec(path);
      const allowed =
        perIp.hit(ip, perMinute, now()) && (!searchMatch || searches.hit(searchMatch[1]!, searchPerMinute, now()));
      if (!allowed) {
        record.status = 429;
        sendThrottled(res);
        return true;
      }
    }

    const delay = latencyMs(settings.latency, settings.random);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

    const routeKey = `${method} ${path}`;
    const before = pickFault(settings.faults, faultUse, routeKey, settings.random, 'before');
    if (before) {
      record.fault = before;
      injectFault(before, req, res, record);
      return true;
    }

    let result: RouteResult;
    try {
      const body = await readJsonBody(req);
      record.body = body;
      result = await dispatch(method, path, query, body, principal, typeof token === 'string' && token !== '');
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = { status: error.status, body: error.body };
    }

    const after = pickFault(settings.faults, faultUse, routeKey, settings.random, 'after');
    if (after) {
      record.fault = after;
      injectFault(after, req, res, record);
      return true;
    }
    record.status = result.status ?? 200;
    if (result.body === undefined && record.status === 200) {
      res.writeHead(200);
      res.end();
    } else sendJson(res, record.status, result.body);
    return true;
  }

  function injectFault(kind: FakeApiFaultKind, req: IncomingMessage, res: ServerResponse, record: FakeApiRequestRecord) {
    switch (kind) {
      case '500':
        record.status = 500;
        // Rails' ActionDispatch::PublicExceptions body for a JSON request, as the contact filter's crashes send it.
        sendJson(res, 500, { status: 500, error: 'Internal Server Error' });
        return;
      case '429':
        record.status = 429;
        sendThrottled(res);
        return;
      case 'drop':
        record.status = 0;
        req.socket.destroy();
        return;
      case 'timeout': {
        // Hold the request unanswered; the client's timeout fires first.
        record.status = 0;
        const entry = {
          socket: req.socket,
          timer: setTimeout(() => {
            held.delete(entry);
            req.socket.destroy();
          }, settings.timeoutHoldMs),
        };
        held.add(entry);
        return;
      }
    }
  }

  async function dispatch(
    method: string,
    path: string,
    query: Record<string, string | string[]>,
    body: unknown,
    principal: Principal | undefined,
    sentToken: boolean,
  ): Promise<RouteResult> {
    if (path === '/api/v1/profile' || path === '/api/v1/profile/') {
      if (method !== 'GET') throw errors.notFound();
      if (!principal) throw sentToken ? errors.invalidToken() : errors.noToken();
      if (principal.kind !== 'user') throw errors.notAuthorized();
      return { body: presentProfile(db, principal.user) };
    }
    const accountMatch = ACCOUNT_PATH.exec(path);
    if (!accountMatch) throw errors.notFound();
    const rest = accountMatch[2] ?? '/';
    const candidates = ROUTES.filter((compiled) => compiled.pattern.test(rest));
    const compiled = candidates.find((candidate) => candidate.route.method === method);
    if (!compiled) throw errors.notFound();
    if (!principal) throw sentToken ? errors.invalidToken() : errors.noToken();
    // Api::BaseController checks a bot's endpoint before the account is even looked up (AccessTokenAuthHelper).
    if (principal.kind === 'bot' && !compiled.route.bots) throw errors.notForBots();
    const account = db.account(Number(accountMatch[1]));
    if (!account || !/^\d+$/.test(accountMatch[1]!)) throw errors.notFound();
    if (principal.kind === 'user') {
      const role = account.members.get(principal.user.id);
      if (!role) throw errors.notThisAccount();
      if (compiled.route.adminOnly && role !== 'administrator') throw errors.notAuthorized();
    } else if (principal.accountId !== account.id) throw botNotInAccount();
    const values = compiled.pattern.exec(rest)!.slice(1);
    const params = Object.fromEntries(compiled.names.map((name, index) => [name, decodeURIComponent(values[index]!)]));
    const jsonBody = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return compiled.route.handle({ db, principal, account, params, query, body: jsonBody });
  }

  function seed(input: FakeApiSeed): FakeApiSeedResult {
    for (const account of input.accounts ?? []) db.addAccount(account.id, account.name);
    const target = input.accountId ?? accountId;
    db.addAccount(target);
    for (const token of input.botTokens ?? []) db.addBotToken(target, token, 'bot');
    for (const team of input.teams ?? []) db.addTeam(target, team);
    for (const definition of input.customAttributeDefinitions ?? []) db.addCustomAttributeDefinition(target, definition);
    return {
      agents: (input.agents ?? []).map((agent) => db.addUser(target, agent, agent.access_token ? agent.email : 'user')),
      inboxes: (input.inboxes ?? []).map((inbox) => db.addInbox(target, inbox)),
      contacts: (input.contacts ?? []).map((contact) => db.seedContact(target, contact)),
    };
  }

  /** Links a widget visitor to the contact that stands for it (one per website token). */
  function linkVisitor(websiteToken: string, visitorId: number | string, contactId: number): void {
    const key = `${websiteToken}:${visitorId}`;
    const previous = visitorContacts.get(key);
    if (previous === contactId) return;
    if (previous !== undefined) {
      const rest = (visitorsByContact.get(previous) ?? []).filter(
        (entry) => entry.websiteToken !== websiteToken || entry.visitorId !== visitorId,
      );
      visitorsByContact.set(previous, rest);
    }
    visitorContacts.set(key, contactId);
    visitorsByContact.set(contactId, [...(visitorsByContact.get(contactId) ?? []), { websiteToken, visitorId }]);
  }

  function identifyVisitor(input: FakeVisitorIdentity): number | undefined {
    const inbox = [...db.inboxes.values()].find((candidate) => candidate.website_token === input.websiteToken);
    const key = `${input.websiteToken}:${input.visitorId}`;
    const own = visitorContacts.has(key) ? db.contact(visitorContacts.get(key)!) : undefined;
    const { websiteToken: _token, visitorId: _visitor, ...params } = input;
    const contact = identifyContact(db, own?.accountId ?? inbox?.accountId ?? accountId, own, params);
    if (!contact) return undefined;
    // A merged-away contact's other visitors follow it to the surviving contact.
    if (own && own.id !== contact.id) {
      for (const entry of visitorsByContact.get(own.id) ?? []) linkVisitor(entry.websiteToken, entry.visitorId, contact.id);
      visitorsByContact.delete(own.id);
    }
    linkVisitor(input.websiteToken, input.visitorId, contact.id);
    return contact.id;
  }

  function recordVisitorMessage(input: FakeIncomingVisitorMessage) {
    const inbox =
      [...db.inboxes.values()].find((candidate) => candidate.website_token === input.websiteToken) ??
      db.addInbox(accountId, { name: 'Website', channel_type: 'Channel::WebWidget', website_token: input.websiteToken });
    const key = `${input.websiteToken}:${input.visitorId}`;
    let contact = visitorContacts.has(key) ? db.contact(visitorContacts.get(key)!) : undefined;
    if (!contact) {
      // A widget visitor starts as an anonymous contact; taken email/phone/identifier stay on the existing contact.
      const taken = (field: 'email' | 'phone_number' | 'identifier', value: string | null | undefined) =>
        value && db.contactsOf(inbox.accountId).some((other) => other[field] === (field === 'email' ? value.toLowerCase() : value));
      contact = db.createContact(inbox.accountId, {
        name: input.name ?? `visitor-${input.visitorId}`,
        email: taken('email', input.email) ? undefined : (input.email ?? undefined),
        phone_number: taken('phone_number', input.phone_number) ? undefined : (input.phone_number ?? undefined),
        identifier: taken('identifier', input.identifier) ? undefined : (input.identifier ?? undefined),
      });
      linkVisitor(input.websiteToken, input.visitorId, contact.id);
    }
    // A website inbox's builder always makes one (a fresh UUID source id).
    const contactInbox = db.contactInboxesOf(contact.id).find((link) => link.inboxId === inbox.id) ??
      buildContactInbox(db, contact, inbox, undefined)!;
    const open = [...db.conversations.values()]
      .filter((conversation) => conversation.contactInboxId === contactInbox.id && conversation.status !== 'resolved')
      .at(-1);
    const conversation = open ?? db.createConversation({ accountId: inbox.accountId, contact, inbox, contactInbox }).conversation;
    const message = db.createMessage(conversation, {
      content: input.content,
      message_type: 0,
      content_type: 'text',
      content_attributes: {},
      private: false,
      source_id: null,
      sender: { type: 'contact', id: contact.id },
      template_params: null,
    });
    return { contactId: contact.id, conversationId: conversation.display_id, messageId: message.id };
  }

  // RoomChannel#current_user: a user by pubsub_token and user_id (of account_id), else a contact inbox by pubsub_token.
  const present = new Map<string, number>();
  const cable = createCableServer({
    now,
    findSubscriber(params) {
      const token = params.pubsub_token;
      if (params.user_id !== undefined && params.user_id !== null && params.user_id !== '') {
        const user = db.agent(Number(params.user_id));
        const account = db.account(Number(params.account_id));
        if (!user || token !== `pubsub-user-${user.id}` || !account?.members.has(user.id)) return null;
        return { kind: 'user', userId: user.id, accountId: account.id };
      }
      const match = typeof token === 'string' ? /^pubsub-(\d+)$/.exec(token) : null;
      const contactInbox = match ? db.contactInboxById(Number(match[1])) : undefined;
      const inbox = contactInbox ? db.inbox(contactInbox.inboxId) : undefined;
      return contactInbox && inbox ? { kind: 'contact', contactInboxId: contactInbox.id, accountId: inbox.accountId } : null;
    },
    markPresent(subscriber) {
      const key = subscriber.kind === 'user' ? `User:${subscriber.userId}` : `ContactInbox:${subscriber.contactInboxId}`;
      present.set(`${subscriber.accountId}:${key}`, now());
    },
  });

  // ActionCableListener beside WebhookListener: each domain event also goes to the RoomChannel streams it reaches.
  db.onEvent((event) => {
    const broadcast = cableBroadcastOf(db, event);
    if (broadcast) cable.broadcast({ event: broadcast.event, data: broadcast.data }, broadcast.reaches);
  });

  return {
    handle,
    setBaseUrl() {},
    cable: {
      handleUpgrade: cable.handleUpgrade,
      dropConnections: cable.dropConnections,
      // OnlineStatusTracker::PRESENCE_DURATION: present within the last 20 s.
      isUserOnline: (userId: number, account = accountId) => now() - (present.get(`${account}:User:${userId}`) ?? -Infinity) < 20_000,
    },
    async close() {
      await cable.close();
      for (const entry of held) {
        clearTimeout(entry.timer);
        entry.socket.destroy();
      }
      held.clear();
      await webhooks.settle();
    },
    configure(changes) {
      settings = {
        ...settings,
        ...('rateLimit' in changes ? { rateLimit: changes.rateLimit } : {}),
        ...('latency' in changes ? { latency: changes.latency } : {}),
        ...(changes.faults ? { faults: changes.faults } : {}),
        ...(changes.timeoutHoldMs !== undefined ? { timeoutHoldMs: changes.timeoutHoldMs } : {}),
        ...(changes.random ? { random: changes.random } : {}),
        ...(changes.deliverWebhooks !== undefined ? { deliverWebhooks: changes.deliverWebhooks } : {}),
      };
      if (changes.contactCreateRaceMs !== undefined) db.contactCreateRaceMs = changes.contactCreateRaceMs;
      if (changes.inboxEvents !== undefined) db.inboxEvents = changes.inboxEvents;
    },
    tokens,
    accountId,
    seed,
    contacts: (account = accountId) => db.contactsOf(account).map((contact) => ({ ...contact })),
    conversations: (account = accountId) =>
      [...db.conversations.values()].filter((conversation) => conversation.accountId === account).map((c) => ({ ...c })),
    messages(displayId, account = accountId) {
      const conversation = db.conversationByDisplayId(account, displayId);
      return conversation ? db.messagesOf(conversation.id).map((message) => ({ ...message })) : [];
    },
    inboxes: (account = accountId) => [...db.inboxes.values()].filter((inbox) => inbox.accountId === account),
    contactInboxes: (contactId) => db.contactInboxesOf(contactId).map((link) => ({ ...link })),
    webhooks: (account = accountId) =>
      [...db.webhooks.values()].filter((webhook) => webhook.accountId === account).map((webhook) => ({ ...webhook })),
    requests(filter = {}) {
      return requestLog.filter(
        (entry) =>
          (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
          (filter.path === undefined ||
            (typeof filter.path === 'string' ? entry.path.includes(filter.path) : filter.path.test(entry.path))),
      );
    },
    clearRequests() {
      requestLog.length = 0;
    },
    deliveries: () => webhooks.deliveries(),
    settleDeliveries: () => webhooks.settle(),
    onEvent: (listener) => db.onEvent(listener),
    recordVisitorMessage,
    identifyVisitor,
    onWidgetReply(listener) {
      widgetReplyListeners.add(listener);
      return () => widgetReplyListeners.delete(listener);
    },
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendJson, sendText } from './http';
import { HMAC_FAILED_MESSAGE, isValidIdentifierHash } from './identity';
import { renderHostPage, renderSdk, renderWidgetPage, type HostPageMode } from './pages';
import { WidgetStore } from './store';
import type {
  FakeVisitor,
  FakeWidget,
  FakeWidgetEvent,
  FakeWidgetEventQuery,
  FakeWidgetMessage,
  FakeWidgetOptions,
  PushAgentMessageInput,
  WaitOptions,
} from './types';

const DEFAULTS = {
  loadedDelayMs: 150,
  pollIntervalMs: 100,
  widgetColor: '#1f93ff',
  sdkPaddingBytes: 0,
  sdkDelayMs: 0,
} as const;

const DEFAULT_WAIT_MS = 10_000;

/** The user fields Chatwoot stores as contact columns; anything else lands in `extra`. */
const CONTACT_FIELDS = ['name', 'email', 'avatar_url', 'phone_number'] as const;

/**
 * The widget side of the Chatwoot stand-in: `/packs/js/sdk.js` (the official SDK's behaviour, traps included),
 * `/widget` (a working chat page that speaks the postMessage protocol), `/__fake/host` (a host page using the
 * official snippet) and the `/__fake/widget/*` endpoints the widget pages use to report to tests.
 */
export function createFakeWidget(initial: FakeWidgetOptions = {}): FakeWidget {
  let options: FakeWidgetOptions = { ...initial };
  let baseUrl = '';
  const store = new WidgetStore();
  // Held sdk.js answers: close() releases them so no handler is left pending.
  const heldAnswers = new Map<NodeJS.Timeout, () => void>();
  let closed = false;
  const waiters = new Set<(error: Error) => void>();
  const identifiedListeners = new Set<Parameters<FakeWidget['onVisitorIdentified']>[0]>();

  /** A named visitor always gets the message (it shows on their next page load); otherwise every live visitor. */
  function visitorFor(websiteToken: string, contactId?: number): FakeVisitor[] {
    if (contactId !== undefined) return store.visitors(websiteToken).filter((v) => v.contactId === contactId);
    const live = store.liveSessions(websiteToken);
    const ids = new Set(live.map((s) => s.contactId));
    return store.visitors(websiteToken).filter((v) => ids.has(v.contactId));
  }

  function pushToPages(websiteToken: string, contactId: number | undefined, build: (visitor: FakeVisitor) => Parameters<WidgetStore['push']>[1]): void {
    for (const session of store.liveSessions(websiteToken, contactId)) {
      store.push(session, build(store.visitorOf(session)));
    }
  }

  function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const finish = (error?: Error, value?: T) => {
        clearTimeout(timer);
        unsubscribe();
        waiters.delete(fail);
        if (error) reject(error);
        else resolve(value as T);
      };
      const fail = (error: Error) => finish(error);
      const timer = setTimeout(() => finish(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      const unsubscribe = store.onChange(() => {
        const value = check();
        if (value !== undefined) finish(undefined, value);
      });
      waiters.add(fail);
    });
  }

  async function serveSdk(res: ServerResponse): Promise<void> {
    const delay = options.sdkDelayMs ?? DEFAULTS.sdkDelayMs;
    if (delay > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          heldAnswers.delete(timer);
          resolve();
        }, delay);
        heldAnswers.set(timer, resolve);
      });
      if (closed || res.destroyed) {
        res.destroy();
        return;
      }
    }
    const status = options.sdkStatus ?? 200;
    if (status !== 200) {
      sendText(res, status, 'text/html; charset=utf-8', `<h1>${status}</h1>`);
      return;
    }
    sendText(res, 200, 'application/javascript; charset=utf-8', renderSdk(options.sdkPaddingBytes ?? 0));
  }

  function serveWidget(res: ServerResponse, url: URL): void {
    const websiteToken = url.searchParams.get('website_token') ?? '';
    if (!websiteToken || (options.websiteTokens && !options.websiteTokens.includes(websiteToken))) {
      sendText(res, 404, 'text/html; charset=utf-8', '<h1>Web widget does not exist</h1>');
      return;
    }
    const opened = store.openSession(websiteToken, url.searchParams.get('cw_conversation'));
    const { messages, ...contact } = opened.visitor;
    const widgetColor = options.widgetColor ?? DEFAULTS.widgetColor;
    sendText(
      res,
      200,
      'text/html; charset=utf-8',
      renderWidgetPage({
        session: opened.session.id,
        websiteToken,
        authToken: opened.authToken,
        loadedDelayMs: options.loadedDelayMs ?? DEFAULTS.loadedDelayMs,
        pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
        channelConfig: { websiteToken, widgetColor, locale: 'en', websiteName: `Inbox ${websiteToken}` },
        contact,
        messages,
      }),
    );
  }

  function serveHost(res: ServerResponse, url: URL): void {
    const settingsText = url.searchParams.get('settings');
    const mode = (url.searchParams.get('mode') ?? 'official') as HostPageMode;
    const html = renderHostPage({
      baseUrl: url.searchParams.get('base_url') ?? baseUrl,
      websiteToken: url.searchParams.get('website_token') ?? 'test-token',
      mode: ['official', 'head', 'blank'].includes(mode) ? mode : 'official',
      ...(settingsText ? { settings: JSON.parse(settingsText) as Record<string, unknown> } : {}),
    });
    // `csp=<policy>` shows what a strict Content-Security-Policy does to the SDK (its <style> has no nonce).
    const csp = url.searchParams.get('csp');
    if (csp) res.setHeader('content-security-policy', csp);
    sendText(res, 200, 'text/html; charset=utf-8', html);
  }

  async function handleLog(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const session = store.session(String(body.session));
    if (!session || !Array.isArray(body.entries)) return sendJson(res, 404, { error: 'Unknown session' });
    store.touch(session);
    for (const entry of body.entries as Array<Record<string, unknown>>) {
      const message = entry.message as Record<string, unknown> | undefined;
      if (!message || typeof entry.seq !== 'number') continue;
      store.record({
        websiteToken: session.websiteToken,
        session: session.id,
        contactId: session.contactId,
        direction: entry.direction === 'sent' ? 'sent' : 'received',
        event: String(message.event),
        message,
        seq: entry.seq,
      });
    }
    if (body.bye === true) store.close(session);
    sendJson(res, 200, { ok: true });
  }

  function handlePoll(res: ServerResponse, url: URL): void {
    const session = store.session(url.searchParams.get('session') ?? '');
    if (!session) return sendJson(res, 404, { error: 'Unknown session' });
    store.touch(session);
    sendJson(res, 200, { items: store.pushesAfter(session, Number(url.searchParams.get('after') ?? 0)) });
  }

  /** What Chatwoot's `/api/v1/widget/contact/set_user` does, reduced to what the widget can observe. */
  async function handleSetUser(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const session = store.session(String(body.session));
    if (!session) return sendJson(res, 404, { error: 'Unknown session' });
    const identifier = body.identifier;
    const user = body.user as Record<string, unknown> | undefined;
    if ((typeof identifier !== 'string' && typeof identifier !== 'number') || !user || typeof user !== 'object') {
      return sendJson(res, 422, { message: 'Identifier and user are required' });
    }
    const hmacToken = options.hmacTokens?.[session.websiteToken];
    let verified = false;
    if (hmacToken && (user.identifier_hash !== undefined || options.hmacMandatory)) {
      if (!isValidIdentifierHash(hmacToken, identifier, user.identifier_hash)) {
        return sendJson(res, 401, { error: HMAC_FAILED_MESSAGE });
      }
      verified = true;
    }

    let visitor = store.visitorOf(session);
    let widgetAuthToken: string | undefined;
    const existing = store.findByIdentifier(session.websiteToken, identifier);
    if (existing && existing !== visitor) {
      // Chatwoot merges the anonymous visitor into the known contact; the widget stores the new token.
      visitor = existing;
      widgetAuthToken = store.switchVisitor(session, existing.contactId);
    } else if (!existing && visitor.identifier !== null && visitor.identifier !== identifier) {
      visitor = store.createVisitor(session.websiteToken);
      widgetAuthToken = store.switchVisitor(session, visitor.contactId);
    }

    visitor.identifier = identifier;
    visitor.identifierVerified = verified;
    for (const field of CONTACT_FIELDS) {
      if (typeof user[field] === 'string') visitor[field] = user[field] as string;
    }
    const { identifier_hash: _hash, custom_attributes: customAttributes, ...rest } = user;
    for (const field of CONTACT_FIELDS) delete rest[field];
    visitor.extra = { ...visitor.extra, ...rest };
    if (customAttributes && typeof customAttributes === 'object') Object.assign(visitor.customAttributes, customAttributes);
    store.changed();
    for (const listener of identifiedListeners) listener({ websiteToken: session.websiteToken, visitor, user });
    const { messages: _messages, ...contact } = visitor;
    sendJson(res, 200, widgetAuthToken ? { contact, widgetAuthToken } : { contact });
  }

  async function handleUpdate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const session = store.session(String(body.session));
    const message = (body.message ?? {}) as Record<string, unknown>;
    if (!session) return sendJson(res, 404, { error: 'Unknown session' });
    const visitor = store.visitorOf(session);
    const attributes = message.customAttributes as Record<string, unknown> | undefined;
    const key = String(message.customAttribute ?? '');
    const label = String(message.label ?? '');
    switch (message.event) {
      case 'set-custom-attributes':
        Object.assign(visitor.customAttributes, attributes);
        break;
      case 'delete-custom-attribute':
        delete visitor.customAttributes[key];
        break;
      case 'set-conversation-custom-attributes':
        Object.assign(visitor.conversationCustomAttributes, attributes);
        break;
      case 'delete-conversation-custom-attribute':
        delete visitor.conversationCustomAttributes[key];
        break;
      case 'set-label':
        if (label && !visitor.labels.includes(label)) visitor.labels.push(label);
        break;
      case 'remove-label':
        visitor.labels = visitor.labels.filter((l) => l !== label);
        break;
      default:
        return sendJson(res, 422, { error: `Unknown update ${String(message.event)}` });
    }
    store.changed();
    sendJson(res, 200, { ok: true });
  }

  /**
   * An option of an `input_select` message picked: what Chatwoot v4.15.1 does for it. The widget PATCHes the message
   * with `submitted_values` (`app/javascript/widget/components/AgentMessageBubble.vue` `onOptionSelect`,
   * `app/javascript/widget/api/message.js`), the server stores them (`app/controllers/api/v1/widget/messages_controller.rb`
   * `update`, permitted `name`, `title`, `value`) and broadcasts `message.updated` with `previous_changes`, which the
   * widget turns into `chatwoot:on-message` (`app/javascript/widget/helpers/actionCable.js` `onMessageUpdated`).
   */
  async function handleSubmit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const session = store.session(String(body.session));
    if (!session) return sendJson(res, 404, { error: 'Unknown session' });
    const visitor = store.visitorOf(session);
    const message = visitor.messages.find((m) => m.id === Number(body.messageId));
    if (!message) return sendJson(res, 404, { error: 'Resource could not be found' });
    const values = Array.isArray(body.submittedValues) ? (body.submittedValues as Array<Record<string, unknown>>) : [];
    const submitted = values.map((value) => {
      const kept: Record<string, unknown> = {};
      for (const key of ['name', 'title', 'value']) if (value[key] !== undefined) kept[key] = value[key];
      return kept;
    });
    const before = message.content_attributes;
    message.content_attributes = { ...before, submitted_values: submitted };
    const updated = { ...message, previous_changes: { content_attributes: [before, message.content_attributes] } };
    pushToPages(session.websiteToken, visitor.contactId, () => ({ kind: 'message-updated', message: updated }));
    store.changed();
    sendJson(res, 200, message);
  }

  async function handleVisitorMessage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const session = store.session(String(body.session));
    const content = typeof body.content === 'string' ? body.content.trim() : '';
    if (!session) return sendJson(res, 404, { error: 'Unknown session' });
    if (!content) return sendJson(res, 422, { error: 'Message content is required' });
    const visitor = store.visitorOf(session);
    const conversationStarted = visitor.messages.length === 0;
    const message = buildMessage(store.newMessageId(), visitor, content, 0);
    visitor.messages.push(message);
    store.changed();
    store.emitVisitorMessage({ websiteToken: session.websiteToken, visitor, message, conversationStarted });
    sendJson(res, 201, { message, conversationStarted });
  }

  const widget: FakeWidget = {
    async handle(req, res, url) {
      const { pathname } = url;
      const method = req.method ?? 'GET';
      if (method === 'GET' && pathname === '/packs/js/sdk.js') {
        await serveSdk(res);
        return true;
      }
      if (method === 'GET' && pathname === '/widget') {
        serveWidget(res, url);
        return true;
      }
      if (method === 'GET' && pathname === '/__fake/host') {
        serveHost(res, url);
        return true;
      }
      if (!pathname.startsWith('/__fake/widget/')) return false;
      const route = `${method} ${pathname.slice('/__fake/widget/'.length)}`;
      switch (route) {
        case 'POST log':
          await handleLog(req, res);
          return true;
        case 'GET poll':
          handlePoll(res, url);
          return true;
        case 'POST set-user':
          await handleSetUser(req, res);
          return true;
        case 'POST update':
          await handleUpdate(req, res);
          return true;
        case 'POST messages':
          await handleVisitorMessage(req, res);
          return true;
        case 'POST submit':
          await handleSubmit(req, res);
          return true;
        default:
          return false;
      }
    },

    close() {
      closed = true;
      for (const [timer, release] of heldAnswers) {
        clearTimeout(timer);
        release();
      }
      heldAnswers.clear();
      for (const fail of [...waiters]) fail(new Error('The Chatwoot stand-in was closed'));
    },

    setBaseUrl(url) {
      baseUrl = url;
    },

    configure(changes) {
      options = { ...options, ...changes };
    },

    received(websiteToken) {
      return store.events({ direction: 'received', ...(websiteToken ? { websiteToken } : {}) });
    },

    sent(websiteToken) {
      return store.events({ direction: 'sent', ...(websiteToken ? { websiteToken } : {}) });
    },

    events(query) {
      return store.events(query);
    },

    waitForEvent(query: FakeWidgetEventQuery, wait: WaitOptions = {}): Promise<FakeWidgetEvent> {
      return waitUntil(() => store.events(query)[0], wait.timeoutMs ?? DEFAULT_WAIT_MS, `widget event ${JSON.stringify(query)}`);
    },

    visitors(websiteToken) {
      return store.visitors(websiteToken);
    },

    users(websiteToken) {
      return store.visitors(websiteToken).filter((v) => v.identifier !== null);
    },

    sessions(websiteToken) {
      return store.sessions(websiteToken).map((s) => ({
        session: s.id,
        websiteToken: s.websiteToken,
        contactId: s.contactId,
        closed: s.closed,
      }));
    },

    waitForSession(websiteToken, wait = {}) {
      const count = wait.count ?? 1;
      return waitUntil(
        () => store.sessions(websiteToken)[count - 1]?.id,
        wait.timeoutMs ?? DEFAULT_WAIT_MS,
        `${count} widget page(s) for ${websiteToken}`,
      );
    },

    pushAgentMessage(input: PushAgentMessageInput): FakeWidgetMessage[] {
      const delivered: FakeWidgetMessage[] = [];
      for (const visitor of visitorFor(input.websiteToken, input.contactId)) {
        const message = buildMessage(store.newMessageId(), visitor, input.content, 1, input);
        visitor.messages.push(message);
        delivered.push(message);
      }
      pushToPages(input.websiteToken, input.contactId, (visitor) => ({
        kind: 'agent-message',
        message: visitor.messages[visitor.messages.length - 1]!,
      }));
      store.changed();
      return delivered;
    },

    pushPostback(input) {
      pushToPages(input.websiteToken, input.contactId, () => ({ kind: 'postback', data: { payload: input.payload } }));
    },

    pushWidgetEvent(input) {
      pushToPages(input.websiteToken, input.contactId, () => ({
        kind: 'raw',
        event: input.event,
        data: input.data ?? {},
      }));
    },

    onVisitorMessage(listener) {
      return store.onVisitorMessage(listener);
    },

    onVisitorIdentified(listener) {
      identifiedListeners.add(listener);
      return () => identifiedListeners.delete(listener);
    },

    reset() {
      store.clear();
    },
  };
  return widget;
}

function buildMessage(
  id: number,
  visitor: FakeVisitor,
  content: string,
  messageType: 0 | 1,
  agent?: PushAgentMessageInput,
): FakeWidgetMessage {
  const buttons = agent?.buttons;
  const cards = agent?.cards;
  return {
    id,
    content,
    message_type: messageType,
    content_type: cards?.length ? 'cards' : buttons?.length ? 'input_select' : 'text',
    content_attributes: cards?.length
      ? { items: cards }
      : buttons?.length
        ? { items: buttons.map((b) => ({ title: b.title, value: b.value })) }
        : {},
    created_at: Math.floor(Date.now() / 1000),
    conversation_id: visitor.conversationId,
    sender:
      messageType === 0
        ? { id: visitor.contactId, name: visitor.name ?? 'Visitor', type: 'contact', avatar_url: visitor.avatar_url ?? '' }
        : { id: 1, name: agent?.agentName ?? 'Agent', type: 'user', avatar_url: '' },
    conversation: { id: visitor.conversationId, status: 'open' },
  };
}

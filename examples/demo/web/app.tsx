/**
 * The demo page's Preact section. Everything chat-related goes through `@wootkit/hooks/preact` on the controller
 * the script tag made, so the cards and the bubble are always in step.
 */
import type { ChatwootController } from '@wootkit/core';
import { ChatwootProvider, useChatwoot, useChatwootEvent } from '@wootkit/hooks/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ActivityEntry } from '../src/activity-log';
import type { LoginAnswer } from '../src/identity';
import type { PageConfig } from '../src/page';

/** Server entries come from `/api/events`; page entries are what the browser saw (widget events, hook calls). */
interface LogLine {
  key: string;
  at: number;
  step: string;
  text: string;
  /** Server lines: the demo customer and the conversation the line is about, when it is about one. */
  customer?: string;
  conversationId?: number;
  /** Page lines: the visit they were seen in. */
  visit?: number;
}
type AddLine = (step: string, text: string) => void;

/**
 * This browser's visitor: one widget session, from page load or the last log-out (`reset()`) on. The server's log
 * streams every visitor's steps; the page shows its own lines of this visit, the set-up, and the server's lines about
 * the customers who logged in during this visit (and their conversations), so two people on the demo never see each
 * other's steps. A visitor who never logged in is nobody the server knows: only the page's own lines show then.
 */
interface Visit {
  id: number;
  customers: string[];
}

function linesOfVisit(lines: LogLine[], visit: Visit): LogLine[] {
  const conversations = new Set<number>();
  for (const line of lines) {
    if (line.customer !== undefined && visit.customers.includes(line.customer) && line.conversationId !== undefined) {
      conversations.add(line.conversationId);
    }
  }
  return lines.filter((line) => {
    if (line.step === 'setup') return true;
    if (line.visit !== undefined) return line.visit === visit.id;
    if (line.customer !== undefined && visit.customers.includes(line.customer)) return true;
    return line.conversationId !== undefined && conversations.has(line.conversationId);
  });
}

const MAX_LINES = 150;
const time = (at: number) => new Date(at).toLocaleTimeString([], { hour12: false });

function useLiveLog(visit: { current: Visit }): [LogLine[], AddLine] {
  const [lines, setLines] = useState<LogLine[]>([]);
  const counter = useRef(0);
  const append = useCallback((line: LogLine) => {
    setLines((current) => (current.some((old) => old.key === line.key) ? current : [...current, line].slice(-MAX_LINES)));
  }, []);
  useEffect(() => {
    // EventSource reconnects by itself and sends Last-Event-ID; keys make a replay harmless anyway.
    const source = new EventSource('/api/events');
    source.onmessage = (message) => {
      const entry = JSON.parse(message.data) as ActivityEntry;
      const { customer, conversationId } = entry;
      append({ key: `server-${entry.id}`, at: entry.at, step: entry.step, text: entry.text, customer, conversationId });
    };
    return () => source.close();
  }, [append]);
  const add = useCallback<AddLine>(
    (step, text) => append({ key: `page-${++counter.current}`, at: Date.now(), step, text, visit: visit.current.id }),
    [append, visit],
  );
  return [lines, add];
}

function LoginCard({ onLog, onLogIn, onLogOut }: { onLog: AddLine; onLogIn: (identifier: string) => void; onLogOut: () => void }) {
  const { setUser, reset, user } = useChatwoot();
  const [form, setForm] = useState({ name: 'María López', email: 'maria@example.com', phone: '55 1234 5678', country: 'MX' });
  const [session, setSession] = useState<LoginAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onInput: (event: Event) => setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value }),
  });

  const logIn = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(form),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.message ?? answer.error ?? 'Login failed');
      setUser(answer.identifier, answer.user);
      setSession(answer);
      onLogIn(answer.identifier);
      onLog('page', `setUser("${answer.identifier}") with the identifier_hash from the server (${answer.user.identifier_hash.slice(0, 10)}…)`);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const logOut = async () => {
    setSession(null);
    // A new visitor from here on: the previous one's reply, counters and log lines go.
    onLogOut();
    onLog('page', 'reset(): the widget forgets the visitor and reloads anonymous');
    await reset().catch(() => undefined);
  };

  return (
    <section class="card" aria-labelledby="login-title">
      <h2 id="login-title"><span class="step-no">1</span> Log in</h2>
      {session ? (
        <div class="signed-in" data-testid="signed-in">
          <p>
            Signed in as <strong>{session.user.name}</strong> · <code>{session.identifier}</code> ·{' '}
            <code>{session.user.phone_number}</code>
          </p>
          <p class="muted small">
            identifier_hash <code>{session.user.identifier_hash.slice(0, 16)}…</code> was computed on the server; the
            inbox's HMAC token never reached this page.
            {user && ` The widget knows you as ${user.identifier}.`}
          </p>
          <button type="button" class="button button--ghost" onClick={logOut}>
            Log out
          </button>
        </div>
      ) : (
        <form class="form" onSubmit={logIn} data-testid="login-form">
          <label>
            Name <input name="name" required autoComplete="name" {...field('name')} />
          </label>
          <label>
            Email <input name="email" type="email" autoComplete="email" {...field('email')} />
          </label>
          <div class="form__row">
            <label class="form__country">
              Country
              <select name="country" {...field('country')}>
                <option value="MX">MX +52</option>
                <option value="US">US +1</option>
                <option value="ES">ES +34</option>
                <option value="AR">AR +54</option>
                <option value="CO">CO +57</option>
              </select>
            </label>
            <label class="form__phone">
              Phone <input name="phone" type="tel" required autoComplete="tel" {...field('phone')} />
            </label>
          </div>
          {problem && <p class="error" role="alert">{problem}</p>}
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
      )}
    </section>
  );
}

function ChatCard({ onLog }: { onLog: AddLine }) {
  const { status, isOpen, unreadCount, error, user, openChat, closeChat } = useChatwoot();
  const [replies, setReplies] = useState<string[]>([]);
  const [followUpProblem, setFollowUpProblem] = useState<string | null>(null);
  const askForFollowUp = async () => {
    setFollowUpProblem(null);
    const response = await fetch('/api/follow-up', { method: 'POST' });
    if (!response.ok) setFollowUpProblem((await response.json().catch(() => ({}))).message ?? 'Could not send the update');
  };
  useChatwootEvent('message', (message) => {
    if (message.message_type === 1) {
      setReplies((current) => [...current, message.content ?? '']);
      onLog('page', `Reply shown in the widget: “${message.content ?? ''}”`);
    }
  });
  useChatwootEvent('unread', ({ count }) => {
    if (count > 0) onLog('page', `${count} unread message${count === 1 ? '' : 's'} while the chat is closed`);
  });
  useChatwootEvent('ready', () => onLog('page', 'Widget ready (script tag → Chatwoot SDK → widget iframe)'));

  return (
    <section class="card" aria-labelledby="chat-title">
      <h2 id="chat-title"><span class="step-no">2</span> Chat</h2>
      <p class="muted small">Open the chat, type a message and press Enter. These controls are Preact hooks on the bubble's controller.</p>
      <dl class="facts">
        <div>
          <dt>widget</dt>
          <dd data-testid="status" class={`pill pill--${status}`}>{status}</dd>
        </div>
        <div>
          <dt>window</dt>
          <dd data-testid="open-state">{isOpen ? 'open' : 'closed'}</dd>
        </div>
        <div>
          <dt>unread</dt>
          <dd data-testid="unread" class={unreadCount > 0 ? 'badge' : ''}>{unreadCount}</dd>
        </div>
        <div>
          <dt>replies</dt>
          <dd data-testid="replies">{replies.length}</dd>
        </div>
      </dl>
      <div class="actions">
        <button type="button" class="button" data-testid="open-chat" onClick={openChat}>
          Open chat
        </button>
        <button type="button" class="button button--ghost" onClick={closeChat}>
          Close chat
        </button>
      </div>
      <div class="actions">
        <button type="button" class="button button--ghost" data-testid="follow-up" disabled={!user} onClick={askForFollowUp}>
          Send me an order update
        </button>
      </div>
      <p class="muted small">
        {user
          ? 'The server writes first (notify): close the chat before clicking to see the unread count.'
          : 'Log in to get an order update from the server.'}
      </p>
      {followUpProblem && <p class="error">{followUpProblem}</p>}
      {replies.length > 0 && (
        <blockquote class="reply" data-testid="last-reply">
          {replies[replies.length - 1]}
        </blockquote>
      )}
      {error && <p class="error">Chat error: {error.code}</p>}
    </section>
  );
}

function LiveLog({ lines, config }: { lines: LogLine[]; config: PageConfig }) {
  const list = useRef<HTMLOListElement>(null);
  // Scrolls the log's own box, never the page (scrollIntoView would scroll the window to the log on a phone).
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [lines.length]);
  return (
    <section class="card card--log" aria-labelledby="log-title">
      <h2 id="log-title"><span class="step-no">3</span> What happened</h2>
      <p class="muted small">
        Server steps stream in over server-sent events; <span class="tag tag--page">page</span> lines are what this
        browser saw. Chatwoot: {config.mode === 'stand-in' ? 'embedded stand-in' : 'real'} at <code>{config.chatwootUrl}</code>.
      </p>
      <ol class="log" ref={list} data-testid="log" aria-live="polite">
        {lines.map((line) => (
          <li key={line.key} data-step={line.step} data-customer={line.customer} data-conversation={line.conversationId}>
            <time>{time(line.at)}</time>
            <span class={`tag tag--${line.step}`}>{line.step}</span>
            <span class="log__text">{line.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function DemoPage({ config }: { config: PageConfig }) {
  const [visit, setVisit] = useState<Visit>({ id: 1, customers: [] });
  // Read by the log's callbacks and by log-out, which must see the new visit before the next render.
  const current = useRef(visit);
  current.current = visit;
  const [lines, addLine] = useLiveLog(current);
  const change = (next: Visit) => {
    current.current = next;
    setVisit(next);
  };
  const logIn = (identifier: string) => {
    const { customers } = current.current;
    if (!customers.includes(identifier)) change({ ...current.current, customers: [...customers, identifier] });
  };
  const logOut = () => change({ id: current.current.id + 1, customers: [] });

  return (
    <>
      <div class="column">
        <LoginCard onLog={addLine} onLogIn={logIn} onLogOut={logOut} />
        {/* Keyed by the visit: a new visitor starts with no replies. */}
        <ChatCard key={visit.id} onLog={addLine} />
      </div>
      <LiveLog lines={linesOfVisit(lines, visit)} config={config} />
    </>
  );
}

export function App({ controller, config }: { controller: ChatwootController; config: PageConfig }) {
  return (
    <ChatwootProvider controller={controller}>
      <DemoPage config={config} />
    </ChatwootProvider>
  );
}

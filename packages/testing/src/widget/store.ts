import { randomBytes } from 'node:crypto';
import type {
  FakeVisitor,
  FakeVisitorMessageEvent,
  FakeWidgetEvent,
  FakeWidgetEventQuery,
  FakeWidgetMessage,
} from './types';

/** Something a widget page picks up on its next poll. */
export type WidgetPush =
  | { seq: number; kind: 'agent-message'; message: FakeWidgetMessage }
  | { seq: number; kind: 'postback'; data: Record<string, unknown> }
  | { seq: number; kind: 'message-updated'; message: FakeWidgetMessage & { previous_changes: Record<string, unknown> } }
  | { seq: number; kind: 'raw'; event: string; data: Record<string, unknown> };

/** One widget page load. */
interface Session {
  id: string;
  websiteToken: string;
  contactId: number;
  createdAt: number;
  lastSeenAt: number;
  /** The page said goodbye (navigated away, e.g. on reset()). */
  closed: boolean;
  pushes: WidgetPush[];
  nextPushSeq: number;
}

/**
 * Pages that have not polled for this long are gone (a closed tab that sent no goodbye): pushes skip them. Generous
 * because Chromium throttles timers in hidden cross-origin iframes (the closed widget) to about one a second.
 */
const SESSION_ALIVE_MS = 10_000;

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

/**
 * The in-memory state of the widget side: inboxes are website tokens, visitors are contacts with one
 * conversation each, a session is one widget page load. `cw_conversation` tokens map to visitors, so a reload
 * with the cookie continues as the same visitor and a reset (no cookie) starts an anonymous one.
 */
export class WidgetStore {
  private nextId = 1;
  private visitorsById = new Map<number, FakeVisitor>();
  private visitorByAuthToken = new Map<string, number>();
  private authTokenByVisitor = new Map<number, string>();
  private sessionsById = new Map<string, Session>();
  private log: FakeWidgetEvent[] = [];
  private visitorListeners = new Set<(event: FakeVisitorMessageEvent) => void>();
  private changeListeners = new Set<() => void>();

  /** Starts a page load: the visitor behind `authToken` if it is known for this inbox, else a new anonymous one. */
  openSession(websiteToken: string, authToken: string | null): { session: Session; visitor: FakeVisitor; authToken: string } {
    const knownId = authToken ? this.visitorByAuthToken.get(authToken) : undefined;
    const known = knownId === undefined ? undefined : this.visitorsById.get(knownId);
    const visitor = known && known.websiteToken === websiteToken ? known : this.createVisitor(websiteToken);
    const session: Session = {
      id: `s_${randomBytes(8).toString('hex')}`,
      websiteToken,
      contactId: visitor.contactId,
      createdAt: Date.now(),
      lastSeenAt: Date.now(),
      closed: false,
      pushes: [],
      nextPushSeq: 1,
    };
    this.sessionsById.set(session.id, session);
    this.changed();
    return { session, visitor, authToken: this.authTokenByVisitor.get(visitor.contactId)! };
  }

  session(id: string): Session | undefined {
    return this.sessionsById.get(id);
  }

  visitorOf(session: Session): FakeVisitor {
    return this.visitorsById.get(session.contactId)!;
  }

  /** Points a page at another visitor (setUser merged it into an existing contact) and returns its auth token. */
  switchVisitor(session: Session, contactId: number): string {
    session.contactId = contactId;
    return this.authTokenByVisitor.get(contactId)!;
  }

  createVisitor(websiteToken: string): FakeVisitor {
    const contactId = this.nextId++;
    const visitor: FakeVisitor = {
      contactId,
      websiteToken,
      identifier: null,
      name: null,
      email: null,
      avatar_url: null,
      phone_number: null,
      identifierVerified: false,
      customAttributes: {},
      conversationId: this.nextId++,
      conversationCustomAttributes: {},
      labels: [],
      messages: [],
      extra: {},
    };
    // Stands in for Chatwoot's widget JWT: opaque to the SDK, which only stores it in `cw_conversation`.
    const authToken = `fakejwt.${randomBytes(12).toString('hex')}`;
    this.visitorsById.set(contactId, visitor);
    this.visitorByAuthToken.set(authToken, contactId);
    this.authTokenByVisitor.set(contactId, authToken);
    return visitor;
  }

  /** Chatwoot compares identifiers as stored strings: a number identifier never finds the existing contact. */
  findByIdentifier(websiteToken: string, identifier: string | number): FakeVisitor | undefined {
    if (typeof identifier !== 'string') return undefined;
    for (const visitor of this.visitorsById.values()) {
      if (visitor.websiteToken === websiteToken && visitor.identifier === identifier) return visitor;
    }
    return undefined;
  }

  visitors(websiteToken?: string): FakeVisitor[] {
    return [...this.visitorsById.values()].filter((v) => !websiteToken || v.websiteToken === websiteToken);
  }

  sessions(websiteToken?: string): Session[] {
    return [...this.sessionsById.values()].filter((s) => !websiteToken || s.websiteToken === websiteToken);
  }

  close(session: Session): void {
    session.closed = true;
    this.changed();
  }

  touch(session: Session): void {
    session.lastSeenAt = Date.now();
  }

  /** Live pages of an inbox (optionally of one visitor) that a push should reach. */
  liveSessions(websiteToken: string, contactId?: number): Session[] {
    const now = Date.now();
    return this.sessions(websiteToken).filter(
      (s) =>
        !s.closed && now - s.lastSeenAt < SESSION_ALIVE_MS && (contactId === undefined || s.contactId === contactId),
    );
  }

  push(session: Session, item: DistributiveOmit<WidgetPush, 'seq'>): void {
    session.pushes.push({ ...item, seq: session.nextPushSeq++ } as WidgetPush);
  }

  pushesAfter(session: Session, after: number): WidgetPush[] {
    // Delivered pushes are dropped so a long test does not grow memory without bound.
    session.pushes = session.pushes.filter((p) => p.seq > after);
    return session.pushes;
  }

  newMessageId(): number {
    return this.nextId++;
  }

  /** Records a page's event; parallel requests may arrive out of order, so `seq` puts each one in its place. */
  record(event: FakeWidgetEvent): void {
    let insertAt = this.log.length;
    for (let i = this.log.length - 1; i >= 0; i -= 1) {
      const entry = this.log[i]!;
      if (entry.session !== event.session) continue;
      if (entry.seq > event.seq) insertAt = i;
      else break;
    }
    this.log.splice(insertAt, 0, event);
    this.changed();
  }

  events(query: FakeWidgetEventQuery = {}): FakeWidgetEvent[] {
    return this.log.filter(
      (e) =>
        (!query.websiteToken || e.websiteToken === query.websiteToken) &&
        (!query.direction || e.direction === query.direction) &&
        (!query.event || e.event === query.event) &&
        (!query.session || e.session === query.session),
    );
  }

  onVisitorMessage(listener: (event: FakeVisitorMessageEvent) => void): () => void {
    this.visitorListeners.add(listener);
    return () => this.visitorListeners.delete(listener);
  }

  emitVisitorMessage(event: FakeVisitorMessageEvent): void {
    for (const listener of this.visitorListeners) {
      // A listener's bug must not break the widget page's request.
      try {
        listener(event);
      } catch (error) {
        console.error('[fake-chatwoot] onVisitorMessage listener threw:', error);
      }
    }
  }

  /** Wakes `waitFor*` helpers. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  clear(): void {
    this.visitorsById.clear();
    this.visitorByAuthToken.clear();
    this.authTokenByVisitor.clear();
    this.sessionsById.clear();
    this.log = [];
    this.changed();
  }
}

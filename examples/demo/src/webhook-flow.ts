/**
 * `POST /webhooks/chatwoot`: what the demo server does when Chatwoot tells it about a visitor's message.
 *
 *   verified webhook (createWebhookHandler) → contact matched by phone (findContact, upsertContact)
 *   → conversation assigned in turn (createRoundRobin, memory store) → automatic reply (client.messages.create)
 *
 * The reply is an ordinary outgoing message, so Chatwoot shows it in the visitor's widget. A production app would
 * answer the webhook at once and do the work from a queue; the demo does it inline so the log reads in order.
 */
import {
  ChatwootError,
  createMemoryStore,
  createNodeWebhookHandler,
  createRoundRobin,
  findContact,
  upsertContact,
  type ChatwootClient,
  type ConversationRef,
  type MessageCreatedEvent,
  type NodeWebhookHandler,
  type RoundRobinResult,
  type WebhookContact,
  type WebhookContext,
} from '@wootkit/server';
import type { ActivityLog, ActivitySubject } from './activity-log';
import type { CustomerDirectory, DemoCustomer } from './customers';
import { DEFAULT_PHONE_COUNTRY } from './identity';

export interface DemoWebhookOptions {
  client: ChatwootClient;
  /** The account webhook's signing secret. */
  secret: string;
  /** Only this (website) inbox's conversations are assigned and answered. */
  inboxId: number;
  customers: CustomerDirectory;
  log: ActivityLog;
}

/** The message's sender when it is a contact (Chatwoot writes contacts without `type`, agents with `type: "user"`). */
function contactSender(event: MessageCreatedEvent): WebhookContact | undefined {
  const sender = event.sender;
  if (!sender) return undefined;
  return !('type' in sender) || !sender.type || sender.type === 'contact' ? (sender as WebhookContact) : undefined;
}

/** The events the demo's account webhook subscribes to. */
export const DEMO_WEBHOOK_EVENTS = ['conversation_created', 'message_created'] as const;

/** Assignments remembered per conversation, so the two events of a new conversation assign it once. */
const MAX_REMEMBERED_CONVERSATIONS = 1000;

export function createDemoWebhookHandler(options: DemoWebhookOptions): NodeWebhookHandler {
  const { client, customers, log, inboxId } = options;
  const roundRobin = createRoundRobin({ client, store: createMemoryStore(), agents: 'online', inboxIds: [inboxId] });
  const assignments = new Map<number, Promise<RoundRobinResult>>();

  /** The demo customer a Chatwoot contact is (by the identifier the page gave `setUser`), if any. */
  const customerOf = (contact: WebhookContact | null | undefined) =>
    contact?.identifier ? customers.byIdentifier(contact.identifier) : undefined;
  const subjectOf = (conversationId: number, customer: DemoCustomer | undefined): ActivitySubject => ({
    conversationId,
    ...(customer && { customer: customer.identifier }),
  });

  /**
   * `conversation_created` and the first `message_created` arrive together and in any order (Chatwoot sends
   * webhooks from background jobs): whichever comes first assigns, the other waits for the same outcome.
   */
  function assignOnce(conversation: number | ConversationRef, subject: ActivitySubject): Promise<RoundRobinResult> {
    const id = typeof conversation === 'number' ? conversation : conversation.id;
    let pending = assignments.get(id);
    if (!pending) {
      pending = roundRobin.assign(conversation).then(async (result) => {
        log.add('assignment', await describeAssignment(result), { ...result }, subject);
        return result;
      });
      pending.catch(() => assignments.delete(id));
      assignments.set(id, pending);
      if (assignments.size > MAX_REMEMBERED_CONVERSATIONS) assignments.delete(assignments.keys().next().value!);
    }
    return pending;
  }

  async function agentName(agentId: number | null): Promise<string | null> {
    if (agentId === null) return null;
    const agents = await client.agents.list();
    return agents.find((agent) => agent.id === agentId)?.name ?? `agent #${agentId}`;
  }

  async function describeAssignment(result: RoundRobinResult): Promise<string> {
    const conversation = `Conversation #${result.conversationId}`;
    switch (result.outcome) {
      case 'assigned':
        return `${conversation} assigned to ${await agentName(result.agentId)} (createRoundRobin: next online agent in turn)`;
      case 'already_assigned':
        return `${conversation} already had an agent (${await agentName(result.agentId)}): left alone`;
      case 'claimed_elsewhere':
        return `${conversation} is being assigned by another delivery: left alone`;
      case 'no_agent_available':
        return `${conversation}: no agent online to assign it to`;
      default:
        return `${conversation}: not assigned (${result.outcome})`;
    }
  }

  /** Matches the Chatwoot contact by the phone number the customer logged in with, and records who they are. */
  async function matchContact(sender: WebhookContact | undefined, customer: DemoCustomer | undefined, subject: ActivitySubject) {
    const phone = customer?.phone ?? sender?.phone_number ?? null;
    if (!phone) {
      log.add('contact', 'No phone number known for this visitor (not logged in): nothing to match. Log in with the form first.', undefined, subject);
      return;
    }
    const match = await findContact(client, { phone }, { defaultCountry: DEFAULT_PHONE_COUNTRY });
    if (match) {
      log.add('contact', `Contact #${match.id} (${match.name ?? 'no name'}) matched by phone ${phone} (findContact)`, {
        contactId: match.id,
        phone,
        senderId: sender?.id ?? null,
      }, subject);
    }
    const { action, contact } = await upsertContact(
      client,
      {
        phone,
        name: customer?.name ?? null,
        customAttributes: { demo_customer_id: customer?.identifier ?? 'anonymous', demo_source: 'wootkit demo' },
      },
      { defaultCountry: DEFAULT_PHONE_COUNTRY },
    );
    log.add('contact', `upsertContact: contact #${contact.id} ${action} (customer attributes from this app)`, {
      contactId: contact.id,
      action,
    }, subject);
  }

  async function onVisitorMessage(event: MessageCreatedEvent, context: WebhookContext): Promise<void> {
    // Our own auto-reply comes back as an outgoing message_created; only visitors' public messages need work.
    if (event.message_type !== 'incoming' || event.private) return;
    const conversationId = event.conversation.id;
    const sender = contactSender(event);
    const customer = customerOf(sender);
    const subject = subjectOf(conversationId, customer);
    log.add(
      'webhook',
      `Verified webhook: message_created “${event.content ?? ''}” in conversation #${conversationId} (signature checked by createWebhookHandler)`,
      { event: 'message_created', conversationId, deliveryId: context.deliveryId ?? null, signed: context.signed },
      subject,
    );
    if (event.conversation.inbox_id !== undefined && event.conversation.inbox_id !== inboxId) return;

    await matchContact(sender, customer, subject);
    const assignment = await assignOnce(conversationId, subject);
    const agent = assignment.outcome === 'assigned' || assignment.outcome === 'already_assigned' ? await agentName(assignment.agentId) : null;

    const firstName = (customer?.name ?? sender?.name ?? 'there').split(/\s+/)[0];
    const content =
      `Hi ${firstName}! This is an automatic reply from the demo server (@wootkit/server). ` +
      (agent ? `${agent} has your conversation and will answer shortly.` : 'An agent will answer shortly.');
    const reply = await client.messages.create(conversationId, { content });
    log.add('reply', `Auto-reply #${reply.id} posted to conversation #${conversationId} (client.messages.create): Chatwoot shows it in the widget`, {
      conversationId,
      messageId: reply.id,
      content,
    }, subject);
  }

  return createNodeWebhookHandler({
    secret: options.secret,
    on: {
      message_created: onVisitorMessage,
      conversation_created: async (event, context) => {
        const subject = subjectOf(event.id, customerOf(event.meta?.sender));
        log.add('webhook', `Verified webhook: conversation_created #${event.id}`, {
          event: 'conversation_created',
          conversationId: event.id,
          deliveryId: context.deliveryId ?? null,
          signed: context.signed,
        }, subject);
        if (event.inbox_id === undefined || event.inbox_id === inboxId) await assignOnce(event, subject);
      },
    },
    onError(error, info) {
      // Error codes only: messages of our typed errors never hold secrets, but a code is all a reader needs here.
      const code = error instanceof ChatwootError ? error.code : 'handler_failed';
      log.add('error', `Webhook answered ${info.status}: ${code}`, { status: info.status, code });
    },
  });
}

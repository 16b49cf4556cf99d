import { buildContactInbox } from '../contactInboxes';
import { findConversations } from '../conversationFinder';
import { errors } from '../http';
import { authorizeConversation, authorizeInbox } from '../permissions';
import { contactPushData, presentAgent, presentConversation, presentMessage, userPushData } from '../presenters';
import type { FakeConversationRecord, FakeInboxRecord, FakeContactRecord } from '../types';
import { createMessageFromBody, MessageRejected, prepareMessage } from './messages';
import { intParam, isObject, type ApiRoute, type RouteContext } from './route';
import { toggleStatus } from './toggleStatus';

/**
 * The conversation addressed by its display_id in the path: 404 when there is none, 401 when the token may not see
 * it (`authorize @conversation, :show?` in the conversation controllers, see permissions.ts).
 */
export function findConversation(context: RouteContext, param = 'id'): FakeConversationRecord {
  const displayId = intParam(context.params[param]);
  const conversation = displayId === undefined ? undefined : context.db.conversationByDisplayId(context.account.id, displayId);
  if (!conversation) throw errors.notFound();
  return authorizeConversation(context.account, context.principal, conversation);
}

function listConversations(context: RouteContext) {
  const { meta, conversations } = findConversations(context);
  return { body: { data: { meta, payload: conversations.map((conversation) => presentConversation(context.db, conversation)) } } };
}

function createConversation(context: RouteContext) {
  const { db, account, body } = context;
  let inbox: FakeInboxRecord | undefined;
  let contact: FakeContactRecord | undefined;
  if (body.inbox_id !== undefined && body.inbox_id !== null && body.inbox_id !== '') {
    const id = intParam(body.inbox_id);
    inbox = id === undefined ? undefined : db.inbox(id);
    if (!inbox || inbox.accountId !== account.id) throw errors.notFound();
    authorizeInbox(account, context.principal, inbox);
  }
  if (body.contact_id !== undefined && body.contact_id !== null && body.contact_id !== '') {
    const id = intParam(body.contact_id);
    contact = id === undefined ? undefined : db.contact(id);
    if (!contact || contact.accountId !== account.id) throw errors.notFound();
  }
  const sourceId = typeof body.source_id === 'string' ? body.source_id : typeof body.source_id === 'number' ? String(body.source_id) : undefined;
  // ConversationsController#contact_inbox: ContactInboxBuilder when both are given, its re-raised RecordNotUnique
  // answered 422.
  let contactInbox =
    inbox && contact
      ? buildContactInbox(db, contact, inbox, sourceId, { notUnique: () => errors.unprocessable('source_id should be unique') })
      : undefined;
  if (!contactInbox) {
    // The old lookup by source_id alone, still supported by Chatwoot.
    contactInbox = sourceId ? [...db.contactInboxes.values()].find((link) => link.source_id === sourceId) : undefined;
    if (!contactInbox) throw errors.notFound();
    inbox = db.inbox(contactInbox.inboxId);
    contact = db.contact(contactInbox.contactId);
    if (!inbox || !contact || inbox.accountId !== account.id) throw errors.notFound();
    authorizeInbox(account, context.principal, inbox);
  }
  if (!inbox || !contact) throw errors.notFound(); // (both are set on either path: this only tells TypeScript)
  const status = typeof body.status === 'string' ? body.status : undefined;
  if (status !== undefined && !['open', 'resolved', 'pending'].includes(status)) {
    throw errors.unprocessable(`'${status}' is not a valid status`);
  }
  const assigneeId = intParam(body.assignee_id);
  const teamId = intParam(body.team_id);
  // A bad first message fails the whole create (Chatwoot wraps both in one transaction).
  let firstMessage;
  try {
    firstMessage = isObject(body.message) ? prepareMessage(context, { inboxId: inbox.id, contactId: contact.id }, body.message) : undefined;
  } catch (error) {
    throw error instanceof MessageRejected ? error.toConversationCreateError() : error;
  }
  // One transaction, as in Chatwoot: the conversation_created payload already holds the first message.
  return db.transaction(() => {
    const { conversation } = db.createConversation({
      accountId: account.id,
      contact,
      inbox,
      contactInbox,
      status: status as FakeConversationRecord['status'] | undefined,
      assigneeId: assigneeId !== undefined && account.members.has(assigneeId) ? assigneeId : null,
      teamId: teamId !== undefined && db.team(teamId) ? teamId : null,
      custom_attributes: isObject(body.custom_attributes) ? body.custom_attributes : {},
      additional_attributes: isObject(body.additional_attributes) ? body.additional_attributes : {},
    });
    if (firstMessage) db.createMessage(conversation, firstMessage);
    return { body: presentConversation(db, conversation) };
  });
}

export const conversationRoutes: ApiRoute[] = [
  { method: 'GET', path: '/conversations', handle: listConversations },
  { method: 'POST', path: '/conversations', bots: true, handle: createConversation },
  {
    method: 'GET',
    path: '/conversations/:id',
    bots: true,
    handle: (context) => ({ body: presentConversation(context.db, findConversation(context)) }),
  },
  {
    method: 'POST',
    path: '/conversations/:id/toggle_status',
    bots: true,
    handle: (context) => toggleStatus(context, findConversation(context)),
  },
  {
    method: 'POST',
    path: '/conversations/:id/assignments',
    bots: true,
    handle(context) {
      const conversation = findConversation(context);
      const { body, db, account } = context;
      if ('assignee_id' in body) {
        const id = intParam(body.assignee_id);
        const agent = id !== undefined && account.members.has(id) ? db.agent(id) : undefined;
        db.updateConversation(conversation, { assigneeId: agent?.id ?? null });
        return { body: agent ? presentAgent(agent, account.id) : null };
      }
      if ('team_id' in body) {
        const id = intParam(body.team_id);
        const team = id === undefined ? undefined : db.team(id);
        db.updateConversation(conversation, { teamId: team?.id ?? null });
        return { body: team ?? null };
      }
      return { body: null };
    },
  },
  {
    method: 'GET',
    path: '/conversations/:id/labels',
    bots: true,
    handle: (context) => ({ body: { payload: findConversation(context).labels } }),
  },
  {
    method: 'POST',
    path: '/conversations/:id/labels',
    bots: true,
    handle(context) {
      const conversation = findConversation(context);
      const labels = context.body.labels;
      if (!Array.isArray(labels)) throw errors.unprocessable('param is missing or the value is empty: labels');
      // Replaces the set (acts_as_taggable `update_labels`), labels are stored as given, deduplicated.
      context.db.updateConversation(conversation, { labels: [...new Set(labels.map(String))] });
      return { body: { payload: conversation.labels } };
    },
  },
  {
    method: 'POST',
    path: '/conversations/:id/custom_attributes',
    bots: true,
    handle(context) {
      const conversation = findConversation(context);
      const attributes = context.body.custom_attributes;
      if (!isObject(attributes)) throw errors.unprocessable('param is missing or the value is empty: custom_attributes');
      // Replaces the hash: keys not sent are gone.
      context.db.updateConversation(conversation, { custom_attributes: attributes });
      return { body: { custom_attributes: conversation.custom_attributes } };
    },
  },
  {
    method: 'GET',
    path: '/conversations/:id/messages',
    handle(context) {
      const conversation = findConversation(context);
      const { db } = context;
      const all = db.messagesOf(conversation.id);
      const before = intParam(context.query.before);
      const after = intParam(context.query.after);
      let page;
      if (after !== undefined) page = all.filter((message) => message.id > after).slice(0, 100);
      else if (before !== undefined) page = all.filter((message) => message.id < before).slice(-20);
      else page = all.slice(-20);
      const contact = db.contact(conversation.contactId);
      const assignee = conversation.assigneeId ? db.agent(conversation.assigneeId) : undefined;
      // Chatwoot v4.15.1, `app/views/api/v1/accounts/conversations/messages/index.json.jbuilder`: push_event_data of
      // the contact and (only when there is one) the assignee.
      return {
        body: {
          meta: {
            labels: conversation.labels,
            additional_attributes: conversation.additional_attributes,
            contact: contact ? contactPushData(contact) : null,
            ...(assignee ? { assignee: userPushData(assignee) } : {}),
            agent_last_seen_at: null,
            assignee_last_seen_at: null,
          },
          payload: page.map((message) => presentMessage(db, message)),
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/conversations/:id/messages',
    bots: true,
    handle(context) {
      const conversation = findConversation(context);
      const message = createMessageFromBody(context, conversation, context.body);
      const echoId = typeof context.body.echo_id === 'string' ? context.body.echo_id : undefined;
      return { body: presentMessage(context.db, message, echoId) };
    },
  },
];

// Who may see which conversation, after Chatwoot v4.15.1's `app/policies/conversation_policy.rb` (`show?`),
// `app/policies/inbox_policy.rb` (`show?`) and `app/services/conversations/permission_filter_service.rb`.
import type { AccountRecord, FakeDb, Principal } from './db';
import { errors, HttpError } from './http';
import type { FakeConversationRecord, FakeInboxRecord } from './types';

/** Whether the token's owner is an administrator of the account (bots are not). */
export function isAdministrator(account: AccountRecord, principal: Principal): boolean {
  return principal.kind === 'user' && account.members.get(principal.user.id) === 'administrator';
}

/**
 * InboxPolicy#show? / User#assigned_inboxes: administrators and agent bots reach every inbox of the account; an agent
 * only the inboxes they are a member of (a seeded agent without `inboxIds` is a member of all of them).
 */
export function canUseInbox(account: AccountRecord, principal: Principal, inbox: Pick<FakeInboxRecord, 'id'>): boolean {
  if (principal.kind === 'bot' || isAdministrator(account, principal)) return true;
  const { inboxIds } = principal.user;
  return inboxIds === null || inboxIds.includes(inbox.id);
}

/**
 * ConversationPolicy#show?: administrator, agent bot, or an agent of the conversation's inbox. (Chatwoot also lets in
 * members of the conversation's team; the stand-in's teams have no members.)
 */
export function canSeeConversation(
  account: AccountRecord,
  principal: Principal,
  conversation: Pick<FakeConversationRecord, 'inboxId'>,
): boolean {
  return canUseInbox(account, principal, { id: conversation.inboxId });
}

/**
 * `authorize @conversation, :show?` in the conversations and conversations/* controllers: a conversation of another
 * inbox is Pundit::NotAuthorizedError, which request_exception_handler.rb answers 401 `You are not authorized to do
 * this action` (not a 404: the conversation's existence shows).
 */
export function authorizeConversation(
  account: AccountRecord,
  principal: Principal,
  conversation: FakeConversationRecord,
): FakeConversationRecord {
  if (!canSeeConversation(account, principal, conversation)) throw errors.notAuthorized();
  return conversation;
}

/** `authorize @inbox, :show?` of conversations#create. */
export function authorizeInbox(account: AccountRecord, principal: Principal, inbox: FakeInboxRecord): FakeInboxRecord {
  if (!canUseInbox(account, principal, inbox)) throw errors.notAuthorized();
  return inbox;
}

/** Conversations::PermissionFilterService: administrators list all, agents only those of their inboxes. */
export function visibleConversations(
  db: FakeDb,
  account: AccountRecord,
  principal: Principal,
): FakeConversationRecord[] {
  return [...db.conversations.values()].filter(
    (conversation) => conversation.accountId === account.id && canSeeConversation(account, principal, conversation),
  );
}

/** EnsureCurrentAccountHelper#account_accessible_for_bot?: a bot token used on another account. */
export const botNotInAccount = () => new HttpError(401, { error: 'Bot is not authorized to access this account' });

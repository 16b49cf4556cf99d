// GET /conversations, after Chatwoot v4.15.1's `app/finders/conversation_finder.rb`.
import { ilike } from './contactFilter/sqlValues';
import { errors } from './http';
import { canUseInbox, visibleConversations } from './permissions';
import { intParam, pageParam, paginateList, type RouteContext } from './routes/route';
import type { FakeConversationRecord } from './types';

const CONVERSATIONS_PER_PAGE = 25;
/** Only these message types count for `q` (filter_by_query): incoming 0, outgoing 1; no activity, no template. */
const SEARCHED_MESSAGE_TYPES = new Set([0, 1]);

export interface ConversationPage {
  meta: { mine_count: number; assigned_count: number; unassigned_count: number; all_count: number };
  conversations: FakeConversationRecord[];
}

/**
 * ConversationFinder#perform: the principal's conversations (PermissionFilterService), then `inbox_id` (only inboxes
 * the principal may use), the status (`open` by default, `all` for any — skipped entirely when `q` is given, even `q=`), team,
 * labels (any of them) and `q` (a case-insensitive ILIKE on the content of incoming and outgoing messages; `%` and
 * `_` are wildcards). Counts are taken before `assignee_type`; `assigned_count` is all minus unassigned.
 */
export function findConversations(context: RouteContext): ConversationPage {
  const { query, db, account, principal } = context;
  const q = typeof query.q === 'string' ? query.q : undefined;
  const status = typeof query.status === 'string' ? query.status : 'open';
  const inboxParam = query.inbox_id;
  const inboxIds = (Array.isArray(inboxParam) ? inboxParam : inboxParam === undefined ? [] : [inboxParam])
    .map(intParam)
    .filter((id): id is number => id !== undefined && canUseInbox(account, principal, { id }));
  let team: number | undefined;
  if (query.team_id !== undefined) {
    // current_account.teams.find: an unknown team is a 404, not an empty list.
    const teamId = intParam(query.team_id);
    const found = teamId === undefined ? undefined : db.teams.get(teamId);
    if (!found || found.accountId !== account.id) throw errors.notFound();
    team = found.id;
  }
  const labels = query.labels === undefined ? [] : Array.isArray(query.labels) ? query.labels : [query.labels];
  const base = visibleConversations(db, account, principal).filter(
    (conversation) =>
      (inboxParam === undefined || inboxIds.includes(conversation.inboxId)) &&
      (q !== undefined || status === 'all' || conversation.status === status) &&
      (team === undefined || conversation.teamId === team) &&
      (labels.length === 0 || labels.some((label) => conversation.labels.includes(label))) &&
      (q === undefined ||
        db
          .messagesOf(conversation.id)
          .some(
            (message) =>
              SEARCHED_MESSAGE_TYPES.has(message.message_type) && message.content !== null && ilike(message.content, `%${q}%`),
          )),
  );
  const me = principal.kind === 'user' ? principal.user.id : -1;
  const mine = base.filter((conversation) => conversation.assigneeId === me);
  const unassigned = base.filter((conversation) => conversation.assigneeId === null);
  const assigned = base.filter((conversation) => conversation.assigneeId !== null);
  const byType: Record<string, FakeConversationRecord[]> = { me: mine, assigned, unassigned };
  // Default sort last_activity_at_desc.
  const chosen = [...(byType[String(query.assignee_type)] ?? base)].sort(
    (a, b) => b.last_activity_at - a.last_activity_at || b.id - a.id,
  );
  return {
    meta: {
      mine_count: mine.length,
      assigned_count: base.length - unassigned.length,
      unassigned_count: unassigned.length,
      all_count: base.length,
    },
    conversations: paginateList(chosen, pageParam(query), CONVERSATIONS_PER_PAGE),
  };
}

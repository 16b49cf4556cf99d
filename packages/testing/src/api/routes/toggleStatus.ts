// POST /conversations/:id/toggle_status, after Chatwoot v4.15.1's `app/controllers/api/v1/accounts/conversations_controller.rb`
// (`toggle_status`, `pending_to_open_by_bot?`, `should_assign_conversation?`, `set_conversation_status`),
// `app/models/conversation.rb` (`toggle_status`, `ensure_snooze_until_reset`) and
// `app/views/api/v1/accounts/conversations/toggle_status.json.jbuilder`.
import { HttpError } from '../http';
import { isoTime } from '../presenters';
import type { FakeConversationRecord } from '../types';
import type { RouteContext, RouteResult } from './route';

const STATUSES: ReadonlyArray<FakeConversationRecord['status']> = ['open', 'resolved', 'pending', 'snoozed'];

/** What Rails answers for an exception nobody rescues (ActionDispatch::PublicExceptions). */
const crash = () => new HttpError(500, { status: 500, error: 'Internal Server Error' });

/**
 * - An agent bot opening a `pending` conversation hands it off (`bot_handoff!`): it opens, and `success` is null.
 * - A `status` sets it (an unknown one is an ArgumentError from the enum: 500); `snoozed_until`, when sent, is read as
 *   unix seconds (`DateTime.strptime(…, '%s')`; anything else is a 500). Without a status: open ↔ resolved, and
 *   pending/snoozed → open.
 * - `snoozed_until` is cleared whenever the result is not `snoozed`, and answered as an ISO datetime.
 * - When the conversation ends up `open` and the token is a user with the **agent** role (not an administrator, not
 *   a bot), it is assigned to that agent, replacing any assignee, in a second save (a second conversation_updated).
 */
export function toggleStatus(context: RouteContext, conversation: FakeConversationRecord): RouteResult {
  const { db, principal, account, body } = context;
  const requested = body.status === undefined || body.status === null ? '' : String(body.status);
  let success: boolean | null = true;
  if (principal.kind === 'bot' && conversation.status === 'pending' && requested === 'open') {
    db.updateConversation(conversation, { status: 'open', snoozed_until: null });
    success = null;
  } else if (requested.trim() !== '') {
    const status = STATUSES.find((candidate) => candidate === requested);
    if (!status) throw crash();
    let snoozedUntil = conversation.snoozed_until;
    if (body.snoozed_until !== undefined && body.snoozed_until !== null) {
      const text = String(body.snoozed_until);
      if (!/^[+-]?\d+$/.test(text)) throw crash();
      snoozedUntil = Number(text);
    }
    db.updateConversation(conversation, { status, snoozed_until: status === 'snoozed' ? snoozedUntil : null });
  } else {
    const status = conversation.status === 'open' ? 'resolved' : 'open';
    db.updateConversation(conversation, { status, snoozed_until: null });
  }
  const agent = principal.kind === 'user' && account.members.get(principal.user.id) === 'agent' ? principal.user : undefined;
  if (conversation.status === 'open' && agent) db.updateConversation(conversation, { assigneeId: agent.id });
  return {
    body: {
      meta: {},
      payload: {
        success,
        conversation_id: conversation.display_id,
        current_status: conversation.status,
        snoozed_until: isoTime(conversation.snoozed_until),
      },
    },
  };
}

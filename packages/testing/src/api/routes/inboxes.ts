// POST /inboxes and PATCH /inboxes/:id (Chatwoot v4.15.1, app/controllers/api/v1/accounts/inboxes_controller.rb,
// administrators only per InboxPolicy); the listing and show stay in account.ts.
import { errors } from '../http';
import { apiChannelView, createInbox, updateInbox } from '../inboxEvents';
import { presentInbox } from '../presenters';
import type { FakeInboxRecord } from '../types';
import { intParam, type ApiRoute, type RouteContext } from './route';

/** Create and update are for administrators, so their answers carry the API channel's secrets too. */
function presentForAdmin(context: RouteContext, inbox: FakeInboxRecord) {
  return { ...presentInbox(inbox), ...apiChannelView(context.db, inbox, true) };
}

function findInbox(context: RouteContext) {
  const id = intParam(context.params.id);
  const inbox = id === undefined ? undefined : context.db.inbox(id);
  if (!inbox || inbox.accountId !== context.account.id) throw errors.notFound();
  return inbox;
}

export const inboxRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/inboxes',
    adminOnly: true,
    handle: (context) => ({ body: presentForAdmin(context, createInbox(context.db, context.account.id, context.body)) }),
  },
  ...(['PATCH', 'PUT'] as const).map(
    (method): ApiRoute => ({
      method,
      path: '/inboxes/:id',
      adminOnly: true,
      handle: (context) => ({ body: presentForAdmin(context, updateInbox(context.db, findInbox(context), context.body)) }),
    }),
  ),
];

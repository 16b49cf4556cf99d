import { errors } from '../http';
import { apiChannelView } from '../inboxEvents';
import { isAdministrator } from '../permissions';
import { presentAgent, presentInbox, presentWebhook } from '../presenters';
import type { FakeInboxRecord } from '../types';
import { intParam, type ApiRoute, type RouteContext } from './route';

/** An inbox as `_inbox.json.jbuilder` shows it to this token (an API channel's secrets to administrators only). */
function presentInboxFor(context: RouteContext, inbox: FakeInboxRecord) {
  return { ...presentInbox(inbox), ...apiChannelView(context.db, inbox, isAdministrator(context.account, context.principal)) };
}

function findWebhook(context: RouteContext) {
  const id = intParam(context.params.id);
  const webhook = id === undefined ? undefined : context.db.webhooks.get(id);
  if (!webhook || webhook.accountId !== context.account.id) throw errors.notFound();
  return webhook;
}

export const accountRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/inboxes',
    handle: (context) => ({
      body: {
        payload: [...context.db.inboxes.values()]
          .filter((inbox) => inbox.accountId === context.account.id)
          .map((inbox) => presentInboxFor(context, inbox)),
      },
    }),
  },
  {
    method: 'GET',
    path: '/inboxes/:id',
    handle(context) {
      const id = intParam(context.params.id);
      const inbox = id === undefined ? undefined : context.db.inbox(id);
      if (!inbox || inbox.accountId !== context.account.id) throw errors.notFound();
      return { body: presentInboxFor(context, inbox) };
    },
  },
  {
    method: 'GET',
    path: '/agents',
    handle: (context) => ({
      body: context.db.agentsOf(context.account.id).map((agent) => presentAgent(agent, context.account.id)),
    }),
  },
  {
    method: 'GET',
    path: '/webhooks',
    adminOnly: true,
    handle: (context) => ({
      body: {
        payload: {
          webhooks: [...context.db.webhooks.values()]
            .filter((webhook) => webhook.accountId === context.account.id)
            .map(presentWebhook),
        },
      },
    }),
  },
  {
    method: 'POST',
    path: '/webhooks',
    adminOnly: true,
    handle: (context) => ({
      body: { payload: { webhook: presentWebhook(context.db.saveWebhook(context.account.id, context.body)) } },
    }),
  },
  ...(['PATCH', 'PUT'] as const).map(
    (method): ApiRoute => ({
      method,
      path: '/webhooks/:id',
      adminOnly: true,
      handle(context) {
        const webhook = context.db.saveWebhook(context.account.id, context.body, findWebhook(context));
        return { body: { payload: { webhook: presentWebhook(webhook) } } };
      },
    }),
  ),
  {
    method: 'DELETE',
    path: '/webhooks/:id',
    adminOnly: true,
    handle(context) {
      context.db.webhooks.delete(findWebhook(context).id);
      return {};
    },
  },
];

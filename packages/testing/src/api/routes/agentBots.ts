// /agent_bots and POST /inboxes/:id/set_agent_bot (Chatwoot v4.15.1, agent_bots_controller.rb and
// inboxes_controller.rb#set_agent_bot; AgentBotPolicy: agents may list and show, administrators change).
import { agentBotsOf, createAgentBot, findAgentBot, presentAgentBot, setInboxAgentBot, updateAgentBot } from '../agentBots';
import { errors } from '../http';
import { isAdministrator } from '../permissions';
import { intParam, type ApiRoute, type RouteContext } from './route';

const administrator = (context: RouteContext) => isAdministrator(context.account, context.principal);

export const agentBotRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/agent_bots',
    handle: (context) => ({
      body: agentBotsOf(context.db, context.account.id).map((bot) => presentAgentBot(bot, administrator(context))),
    }),
  },
  {
    method: 'GET',
    path: '/agent_bots/:id',
    handle: (context) => ({
      body: presentAgentBot(findAgentBot(context.db, context.account.id, intParam(context.params.id)), administrator(context)),
    }),
  },
  {
    method: 'POST',
    path: '/agent_bots',
    adminOnly: true,
    handle: (context) => ({ body: presentAgentBot(createAgentBot(context.db, context.account.id, context.body), true) }),
  },
  ...(['PATCH', 'PUT'] as const).map(
    (method): ApiRoute => ({
      method,
      path: '/agent_bots/:id',
      adminOnly: true,
      handle: (context) => {
        const bot = findAgentBot(context.db, context.account.id, intParam(context.params.id));
        return { body: presentAgentBot(updateAgentBot(bot, context.body), true) };
      },
    }),
  ),
  {
    method: 'POST',
    path: '/inboxes/:id/set_agent_bot',
    adminOnly: true,
    handle: (context) => {
      const inboxId = intParam(context.params.id);
      const inbox = inboxId === undefined ? undefined : context.db.inbox(inboxId);
      if (!inbox || inbox.accountId !== context.account.id) throw errors.notFound();
      const wanted = context.body.agent_bot;
      // `find(params[:agent_bot]) if params[:agent_bot]`: a missing bot is a 404, none disconnects.
      const bot = wanted === undefined || wanted === null || wanted === '' ? null : findAgentBot(context.db, context.account.id, intParam(wanted));
      setInboxAgentBot(context.db, inbox, bot?.id ?? null);
      return {};
    },
  },
];

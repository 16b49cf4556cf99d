/**
 * `POST /api/follow-up`: the app writes to the logged-in customer first (an order update), with `notify` from
 * `@wootkit/server`: it finds the contact by phone, reuses their open conversation in the website inbox (or starts
 * one) and posts the message. It reaches the widget like any agent message — while the chat is closed it shows as
 * the unread count.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { notify, type ChatwootClient } from '@wootkit/server';
import type { ActivityLog } from './activity-log';
import type { CustomerDirectory } from './customers';
import { sendJson } from './http';
import { DEFAULT_PHONE_COUNTRY, sessionIdentifier } from './identity';

export function createFollowUpHandler(options: { client: ChatwootClient; inboxId: number; customers: CustomerDirectory; log: ActivityLog }) {
  const { client, inboxId, customers, log } = options;
  let orderNumber = 1041;
  return async function handleFollowUp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const identifier = sessionIdentifier(req);
    const customer = identifier === undefined ? undefined : customers.byIdentifier(identifier);
    if (!customer) return sendJson(res, 401, { error: 'not_logged_in', message: 'Log in first.' });
    const content = `Good news, ${customer.name.split(/\s+/)[0]}: order #${++orderNumber} ships tomorrow. (Sent by the demo server with notify.)`;
    const result = await notify(client, { to: { phone: customer.phone }, inboxId, content, defaultCountry: DEFAULT_PHONE_COUNTRY });
    log.add(
      'notify',
      `notify → contact #${result.contactId} by phone ${customer.phone}, ${result.created.conversation ? 'new' : 'existing'} conversation #${result.conversationId}, message #${result.messageId}`,
      { ...result },
      { customer: customer.identifier, conversationId: result.conversationId },
    );
    sendJson(res, 200, { ok: true, conversationId: result.conversationId });
  };
}

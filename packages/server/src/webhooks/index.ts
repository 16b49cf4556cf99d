export { verifyWebhook, verifyWebhookDelivery } from './verifyWebhook';
export type { VerifyWebhookOptions, VerifiedWebhook, WebhookBody } from './verifyWebhook';
export { parseWebhookEvent } from './parseWebhookEvent';
export { createWebhookHandler } from './createWebhookHandler';
export type {
  WebhookContext,
  WebhookErrorInfo,
  WebhookEventHandlers,
  WebhookHandler,
  WebhookHandlerOptions,
} from './createWebhookHandler';
export { toNodeHandler, createNodeWebhookHandler } from './nodeAdapter';
export type { NodeAdapterOptions, NodeWebhookHandler, NodeWebhookRequest } from './nodeAdapter';
export type { WebhookDedupe } from './dedupe';
export {
  CHATWOOT_DELIVERY_HEADER,
  CHATWOOT_SIGNATURE_HEADER,
  CHATWOOT_TIMESTAMP_HEADER,
  type WebhookHeaders,
} from './headers';
export { AGENT_BOT_EVENT_NAMES, WEBHOOK_EVENT_NAMES } from './events';
export type * from './events';
export { signWebhook, type SignWebhookInput, type SignedWebhookHeaders } from './signWebhook';

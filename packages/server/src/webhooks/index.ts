// The main entry's webhooks: everything of the Web-standard entry (`web/index.ts`: one list for both), with the
// `node:crypto` `createWebhookHandler` in place of the Web Crypto one, the synchronous verifiers and the Node adapter.
export * from './web/index';
export { createWebhookHandler } from './createWebhookHandler';
export { verifyWebhook, verifyWebhookDelivery } from './verifyWebhook';
export { toNodeHandler, createNodeWebhookHandler } from './nodeAdapter';
export type { NodeAdapterOptions, NodeWebhookHandler, NodeWebhookRequest } from './nodeAdapter';

/**
 * `@wootkit/server/webhooks`: webhook verification, the webhook endpoint and identity hashes for Web-standard runtimes
 * (Cloudflare Workers, Vercel/Next.js Edge, Deno, Bun; Node 20+ too). Only Web Crypto and `TextEncoder`: nothing in
 * this entry's import graph loads a `node:` module or a dependency (`test/webhooks-entry.test.ts` walks the built
 * graph to keep it so). Web Crypto signs asynchronously, hence `verifyWebhookAsync` and `identifierHashAsync`; the
 * synchronous `verifyWebhook` and `identifierHash` are on the main entry (`node:crypto`).
 *
 * @module
 */
export { verifyWebhookAsync, verifyWebhookDeliveryAsync } from './verifyWebhookAsync';
export type { VerifyWebhookOptions, VerifiedWebhook, WebhookBody } from '../delivery';
export { parseWebhookEvent } from '../parseWebhookEvent';
export { createWebhookHandler } from './createWebhookHandler';
export type {
  WebhookContext,
  WebhookErrorInfo,
  WebhookEventHandlers,
  WebhookHandler,
  WebhookHandlerOptions,
} from '../buildWebhookHandler';
export type { WebhookDedupe } from '../dedupe';
export {
  CHATWOOT_DELIVERY_HEADER,
  CHATWOOT_SIGNATURE_HEADER,
  CHATWOOT_TIMESTAMP_HEADER,
  type WebhookHeaders,
} from '../headers';
export { AGENT_BOT_EVENT_NAMES, WEBHOOK_EVENT_NAMES } from '../events';
export type * from '../events';
export { signWebhook, type SignWebhookInput, type SignedWebhookHeaders } from '../signWebhook';
export { identifierHashAsync } from '../../identity/identifierHashAsync';
export { ChatwootError } from '../../errors/ChatwootError';
export { WebhookVerificationError, type WebhookVerificationErrorCode } from '../../errors/WebhookVerificationError';
export { WebhookHandlerError, type WebhookHandlerErrorCode, type WebhookError } from '../../errors/WebhookHandlerError';

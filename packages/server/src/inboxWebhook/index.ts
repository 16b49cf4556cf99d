export { ensureInboxWebhook, checkInboxWebhookUrl } from './ensureInboxWebhook';
export type { EnsureInboxWebhookOptions, EnsureInboxWebhookResult } from './ensureInboxWebhook';
export { checkInboxWebhook } from './checkInboxWebhook';
export type { CheckInboxWebhookOptions, InboxWebhookCheck } from './checkInboxWebhook';

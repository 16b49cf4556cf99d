export { startFakeChatwoot } from './fake-chatwoot';
export type { FakeChatwoot, FakeChatwootOptions } from './fake-chatwoot';
export {
  renderHostPage,
  HMAC_FAILED_MESSAGE,
  CHATWOOT_WINDOW_EVENTS,
  recordChatwootWindowEvents,
} from './widget/index';
export type { HostPageMode, HostPageOptions, RecordedWindowEvent } from './widget/index';
// The stand-in's record and option types, all public.
export type * from './widget/types';
export type * from './api/types';
export type { RouteModule } from './route';
export { toRailsJson, signWebhook, deliverWebhook } from './webhooks/index';
export type { SignWebhookInput, WebhookSignature, DeliverWebhookInput, WebhookDeliveryResult } from './webhooks/index';

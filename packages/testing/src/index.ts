export { startFakeChatwoot } from './fake-chatwoot';
export type { FakeChatwoot, FakeChatwootOptions } from './fake-chatwoot';
export type { FakeWidget, FakeWidgetOptions } from './widget/index';
export type { FakeApi, FakeApiOptions } from './api/index';
export type { RouteModule } from './route';
export { toRailsJson, signWebhook, deliverWebhook } from './webhooks/index';
export type { SignWebhookInput, WebhookSignature, DeliverWebhookInput, WebhookDeliveryResult } from './webhooks/index';

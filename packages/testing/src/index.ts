export { startFakeChatwoot } from './fake-chatwoot';
export type { FakeChatwoot, FakeChatwootOptions } from './fake-chatwoot';
export {
  renderHostPage,
  HMAC_FAILED_MESSAGE,
  CHATWOOT_WINDOW_EVENTS,
  recordChatwootWindowEvents,
} from './widget/index';
export type {
  FakeVisitor,
  FakeVisitorMessageEvent,
  FakeWidget,
  FakeWidgetEvent,
  FakeWidgetEventQuery,
  FakeWidgetMessage,
  FakeWidgetOptions,
  HostPageMode,
  HostPageOptions,
  PushAgentMessageInput,
  RecordedWindowEvent,
  WaitOptions,
} from './widget/index';
export type {
  FakeApi,
  FakeApiOptions,
  FakeApiEvent,
  FakeApiFault,
  FakeApiFaultKind,
  FakeApiLatency,
  FakeApiRequestRecord,
  FakeApiSeed,
  FakeApiSeedResult,
  FakeAgentRecord,
  FakeChannelType,
  FakeContactInboxRecord,
  FakeContactRecord,
  FakeConversationRecord,
  FakeIncomingVisitorMessage,
  FakeWidgetReply,
  FakeInboxRecord,
  FakeMessageRecord,
  FakeWebhookDelivery,
  FakeWebhookRecord,
  SeedAgent,
  SeedContact,
  SeedInbox,
} from './api/index';
export type { RouteModule } from './route';
export { toRailsJson, signWebhook, deliverWebhook } from './webhooks/index';
export type { SignWebhookInput, WebhookSignature, DeliverWebhookInput, WebhookDeliveryResult } from './webhooks/index';

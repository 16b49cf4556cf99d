export { toRailsJson } from './toRailsJson';
export { signWebhook, type SignWebhookInput, type WebhookSignature } from './signWebhook';
export { deliverWebhook, type DeliverWebhookInput, type WebhookDeliveryResult } from './deliverWebhook';

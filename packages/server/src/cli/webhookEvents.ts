import type { WebhookSubscription } from '../types/webhook';
import { WEBHOOK_EVENT_NAMES } from '../webhooks/events';

/** The subscriptions `webhooks ensure` asks for and `doctor` expects, unless `--events` says otherwise. */
export const DEFAULT_WEBHOOK_EVENTS: WebhookSubscription[] = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
  'message_created',
  'contact_created',
  'contact_updated',
];

// Every event Chatwoot sends: one list, kept by the webhooks module.
const KNOWN = new Set<string>(WEBHOOK_EVENT_NAMES);

/** `--events a,b --events c` → the list, checked against the events Chatwoot sends. */
export function parseEvents(values: string[] | undefined): { events: WebhookSubscription[]; unknown: string[] } {
  if (!values || values.length === 0) return { events: DEFAULT_WEBHOOK_EVENTS, unknown: [] };
  const names = [...new Set(values.flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean))];
  return {
    events: names.filter((name) => KNOWN.has(name)) as WebhookSubscription[],
    unknown: names.filter((name) => !KNOWN.has(name)),
  };
}

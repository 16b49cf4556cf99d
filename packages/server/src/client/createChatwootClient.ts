import { createAgentsResource, type AgentsResource } from './agents';
import { createContactsResource, type ContactsResource } from './contacts';
import { createConversationsResource, type ConversationsResource } from './conversations';
import { createInboxesResource, type InboxesResource } from './inboxes';
import { createMessagesResource, type MessagesResource } from './messages';
import type { ChatwootClientOptions } from './options';
import { createProfileResource, type ProfileResource } from './profile';
import { createTransport, type ApiRequest } from './transport';
import { createWebhooksResource, type WebhooksResource } from './webhooks';

/** A client for one Chatwoot account and token. Create one per tenant; nothing is shared between clients. */
export interface ChatwootClient {
  readonly accountId: number;
  readonly baseUrl: string;
  profile: ProfileResource;
  contacts: ContactsResource;
  conversations: ConversationsResource;
  messages: MessagesResource;
  inboxes: InboxesResource;
  agents: AgentsResource;
  webhooks: WebhooksResource;
  /**
   * Any other endpoint, with the same rate limit, retry and typed errors. `path` is relative to `/api/v1/`
   * (e.g. `accounts/1/labels`). POSTs are treated as creating (not retried) unless `retryMode: 'idempotent'`.
   */
  request<T = unknown>(request: ApiRequest): Promise<T>;
}

/**
 * Creates a Chatwoot API client.
 *
 * ```ts
 * const chatwoot = createChatwootClient({ baseUrl: 'https://app.chatwoot.com', apiAccessToken, accountId: 1 });
 * const { payload } = await chatwoot.contacts.filter([
 *   { attribute_key: 'email', filter_operator: 'equal_to', values: ['ana@example.com'], query_operator: null },
 * ]);
 * ```
 *
 * Every failure is a typed error ({@link ChatwootApiError}, {@link ChatwootRateLimitError},
 * {@link ChatwootTimeoutError}, {@link ChatwootNetworkError}) and none of them holds the token. Reads and other
 * idempotent calls retry on 429, 5xx, timeouts and network errors with jittered exponential backoff; creating calls
 * retry only on 429. A client-side token bucket keeps the client under Chatwoot's rate limits.
 */
export function createChatwootClient(options: ChatwootClientOptions): ChatwootClient {
  // Checks every option (typed ChatwootInputError, no secret in the message) before anything else.
  const send = createTransport(options);
  const { accountId } = options;
  return {
    accountId,
    baseUrl: options.baseUrl,
    profile: createProfileResource(send),
    contacts: createContactsResource(send, accountId),
    conversations: createConversationsResource(send, accountId),
    messages: createMessagesResource(send, accountId),
    inboxes: createInboxesResource(send, accountId),
    agents: createAgentsResource(send, accountId),
    webhooks: createWebhooksResource(send, accountId),
    request: (request) => send(request),
  };
}

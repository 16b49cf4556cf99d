import type { Agent } from '../types/agent';
import type { Attributes, ConversationStatus } from '../types/common';
import type {
  AssignInput,
  Conversation,
  ConversationCreateInput,
  ConversationList,
  ConversationListMeta,
  ConversationListQuery,
  Team,
  ToggleStatusResult,
} from '../types/conversation';
import { paginate } from './paginate';
import type { RequestOptions } from './profile';
import type { Transport } from './transport';

/**
 * The account's conversations. Every `id` here is the conversation's **display_id** (the per-account number shown in
 * the dashboard and sent as `id` in webhook payloads), not its database id.
 */
export interface ConversationsResource {
  /** One page of conversations (25 a page). Chatwoot defaults to `status: 'open'`, `assignee_type: 'all'`. */
  list(query?: ConversationListQuery, options?: RequestOptions): Promise<ConversationList>;
  /** Every conversation matching `query`, page after page, fetched lazily. */
  iterate(
    query?: Omit<ConversationListQuery, 'page'>,
    options?: RequestOptions,
  ): AsyncGenerator<Conversation, void, undefined>;
  /** One conversation; 404 {@link ChatwootApiError} when absent. */
  get(id: number, options?: RequestOptions): Promise<Conversation>;
  /**
   * Starts a conversation for a contact in an inbox, optionally with a first message (WhatsApp: a template). An inbox
   * locked to a single conversation returns the existing one. Not retried on timeouts or 5xx.
   */
  create(input: ConversationCreateInput, options?: RequestOptions): Promise<Conversation>;
  /**
   * Sets the status (`snoozedUntil` in unix seconds applies to `snoozed`; the answer's `snoozed_until` is an ISO
   * datetime). Setting a status is safe to retry.
   *
   * **Opening assigns.** When the conversation ends up `open` and the token belongs to a user with the *agent* role,
   * Chatwoot assigns the conversation to that agent, replacing whoever had it (e.g. the agent a round robin chose).
   * Administrator and agent-bot tokens leave the assignee alone; an agent bot opening a `pending` conversation hands
   * it over to agents, answered with `success: null`. So call it with an administrator's token when the assignee must
   * stay, or assign again afterwards. wootkit's own `notify`, outbox and round robin never call it.
   */
  toggleStatus(
    id: number,
    status: ConversationStatus,
    options?: RequestOptions & { snoozedUntil?: number },
  ): Promise<ToggleStatusResult>;
  /** Assigns to an agent (`assignee_id`) or a team (`team_id`); resolves to the agent, the team, or null. */
  assign(id: number, input: AssignInput, options?: RequestOptions): Promise<Agent | Team | null>;
  /** Replaces the conversation's labels with `labels` (not an add); resolves to the new set. */
  setLabels(id: number, labels: string[], options?: RequestOptions): Promise<string[]>;
  /** Replaces the conversation's custom attributes with `attributes` (not a merge); resolves to the new hash. */
  setCustomAttributes(id: number, attributes: Attributes, options?: RequestOptions): Promise<Attributes>;
}

const COUNT_FOR_ASSIGNEE_TYPE: Record<string, keyof ConversationListMeta> = {
  me: 'mine_count',
  assigned: 'assigned_count',
  unassigned: 'unassigned_count',
  all: 'all_count',
};

export function createConversationsResource(send: Transport, accountId: number): ConversationsResource {
  const base = `accounts/${accountId}/conversations`;
  const list: ConversationsResource['list'] = async (query = {}, options) =>
    (
      await send<{ data: ConversationList }>({
        method: 'GET',
        path: base,
        query: { ...query },
        signal: options?.signal,
      })
    ).data;
  // Setting a status, an assignee, labels or attributes gives the same result when repeated: retry like a read.
  const setter = <T>(path: string, json: unknown, options?: RequestOptions) =>
    send<T>({ method: 'POST', path: `${base}/${path}`, json, retryMode: 'idempotent', signal: options?.signal });
  return {
    list,
    iterate: (query = {}, options) =>
      paginate(async (page) => {
        const result = await list({ ...query, page }, options);
        const countKey = COUNT_FOR_ASSIGNEE_TYPE[query.assignee_type ?? 'all'] ?? 'all_count';
        return { items: result.payload, total: result.meta[countKey] };
      }),
    get: (id, options) => send<Conversation>({ method: 'GET', path: `${base}/${id}`, signal: options?.signal }),
    create: (input, options) =>
      send<Conversation>({ method: 'POST', path: base, json: input, signal: options?.signal }),
    toggleStatus: async (id, status, options = {}) =>
      (
        await setter<{ payload: ToggleStatusResult }>(
          `${id}/toggle_status`,
          options.snoozedUntil === undefined ? { status } : { status, snoozed_until: options.snoozedUntil },
          options,
        )
      ).payload,
    assign: async (id, input, options) =>
      (await setter<Agent | Team | null | undefined>(`${id}/assignments`, input, options)) ?? null,
    setLabels: async (id, labels, options) =>
      (await setter<{ payload: string[] }>(`${id}/labels`, { labels }, options)).payload,
    setCustomAttributes: async (id, attributes, options) =>
      (await setter<{ custom_attributes: Attributes }>(`${id}/custom_attributes`, { custom_attributes: attributes }, options))
        .custom_attributes,
  };
}

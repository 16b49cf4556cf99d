import type { ChatwootClient } from '../client/createChatwootClient';
import type { ConversationStatus } from '../types/common';
import type { Store } from '../store/types';

/** Who takes turns: every agent, the agents online right now, or these agent ids in this order. */
export type RoundRobinAgents = 'all' | 'online' | number[];

export interface RoundRobinOptions {
  /** Needs `accountId`, `agents.list`, `conversations.get` and `conversations.assign`. */
  client: Pick<ChatwootClient, 'accountId' | 'agents' | 'conversations'>;
  /** Where the turn counter and the per-conversation claims live; share one Redis store across instances. */
  store: Store;
  /**
   * `'all'` (default): every agent of the account, by id. `'online'`: only agents whose `availability_status` is
   * `online` right now (busy and offline agents are skipped). `number[]`: these agents, in this order.
   */
  agents?: RoundRobinAgents;
  /** With an id list, also skip those who are not online right now. Default false (always true for `'online'`). */
  onlyOnline?: boolean;
  /** Only conversations of these inboxes; others are left alone. Default: every inbox. */
  inboxIds?: number[];
  /** Only conversations in these statuses. Default `['open']`: a `pending` conversation is still with a bot. */
  statuses?: ConversationStatus[];
  /** Names the rotation in the store; rotations with different keys take turns separately. Default `account:<id>`. */
  key?: string;
  /** How long a conversation stays claimed by the instance assigning it. Default 10 minutes. */
  claimTtlMs?: number;
}

/** What {@link RoundRobin.assign} did, and why. */
export type RoundRobinResult =
  | { outcome: 'assigned'; conversationId: number; agentId: number }
  /** The conversation already had an agent (a person or Chatwoot's own auto-assignment got there first). */
  | { outcome: 'already_assigned'; conversationId: number; agentId: number | null }
  /** Another instance (or an earlier delivery of the same webhook) is assigning or has assigned it. */
  | { outcome: 'claimed_elsewhere'; conversationId: number }
  /** Nobody to assign: no agents, or none online when only online agents count. */
  | { outcome: 'no_agent_available'; conversationId: number }
  | { outcome: 'skipped_inbox'; conversationId: number; inboxId: number }
  | { outcome: 'skipped_status'; conversationId: number; status: string };

/** The part of a conversation (REST) or a `conversation_created` webhook payload that round-robin reads. */
export interface ConversationRef {
  /** The display id, as REST paths and webhook payloads use it. */
  id: number;
  inbox_id?: number;
  status?: string;
  meta?: { assignee?: { id?: unknown; [key: string]: unknown } | null; [key: string]: unknown };
}

export interface RoundRobin {
  /** The id of the agent whose turn it is (and moves the turn on), or null when nobody is available. */
  next(): Promise<number | null>;
  /**
   * Assigns the conversation to the next agent, unless it already has one, is in another inbox or status, or
   * another instance is on it. Reads the conversation fresh from Chatwoot before deciding.
   */
  assign(conversation: number | ConversationRef): Promise<RoundRobinResult>;
  /**
   * A ready `conversation_created` webhook handler:
   * `createWebhookHandler({ secret, on: { conversation_created: roundRobin.onConversationCreated } })`.
   */
  onConversationCreated(event: ConversationRef): Promise<RoundRobinResult>;
}

const DEFAULT_CLAIM_TTL_MS = 10 * 60_000;

/**
 * Assigns new conversations to agents in turn. The turn counter lives in the {@link Store}, so several instances of
 * a host app sharing one Redis take turns together and never assign one conversation twice.
 *
 * ```ts
 * const roundRobin = createRoundRobin({ client, store: createRedisStore({ redis: process.env.REDIS_URL! }), agents: 'online' });
 * export const POST = createWebhookHandler({ secret, on: { conversation_created: roundRobin.onConversationCreated } });
 * ```
 */
export function createRoundRobin(options: RoundRobinOptions): RoundRobin {
  const { client, store } = options;
  const agents = options.agents ?? 'all';
  const onlyOnline = agents === 'online' || options.onlyOnline === true;
  const statuses = new Set<string>(options.statuses ?? ['open']);
  const inboxIds = options.inboxIds ? new Set(options.inboxIds) : undefined;
  const claimTtlMs = options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
  const base = `round-robin:${options.key ?? `account:${client.accountId}`}`;
  const counterKey = `${base}:turn`;
  const claimKey = (conversationId: number) => `${base}:conversation:${conversationId}`;

  /** The agents taking turns now, in a fixed order every instance agrees on. */
  async function candidates(): Promise<number[]> {
    if (Array.isArray(agents) && !onlyOnline) return agents;
    const listed = await client.agents.list();
    const eligible = listed.filter((agent) => !onlyOnline || agent.availability_status === 'online');
    if (Array.isArray(agents)) {
      const ids = new Set(eligible.map((agent) => agent.id));
      return agents.filter((id) => ids.has(id));
    }
    return eligible.map((agent) => agent.id).sort((a, b) => a - b);
  }

  async function next(): Promise<number | null> {
    const ids = await candidates();
    if (ids.length === 0) return null;
    const turn = await store.increment(counterKey);
    return ids[(turn - 1) % ids.length] ?? null;
  }

  /** Why this conversation is not ours to assign, or undefined when it is. */
  function reasonToLeave(conversationId: number, conversation: ConversationRef): RoundRobinResult | undefined {
    const assignee = conversation.meta?.assignee;
    if (assignee) {
      return { outcome: 'already_assigned', conversationId, agentId: typeof assignee.id === 'number' ? assignee.id : null };
    }
    if (inboxIds && conversation.inbox_id !== undefined && !inboxIds.has(conversation.inbox_id)) {
      return { outcome: 'skipped_inbox', conversationId, inboxId: conversation.inbox_id };
    }
    if (conversation.status !== undefined && !statuses.has(conversation.status)) {
      return { outcome: 'skipped_status', conversationId, status: conversation.status };
    }
    return undefined;
  }

  async function assign(conversation: number | ConversationRef): Promise<RoundRobinResult> {
    const conversationId = typeof conversation === 'number' ? conversation : conversation.id;
    // The webhook payload may already say "not ours": no request needed.
    const early = typeof conversation === 'number' ? undefined : reasonToLeave(conversationId, conversation);
    if (early) return early;
    // Fresh state: an agent or Chatwoot's auto-assignment may have taken it since the event was sent.
    const current = await client.conversations.get(conversationId);
    const leave = reasonToLeave(conversationId, current);
    if (leave) return leave;

    // Claim before taking a turn, so duplicate deliveries and other instances neither double-assign nor skew turns.
    const key = claimKey(conversationId);
    if (!(await store.setIfAbsent(key, 'assigning', claimTtlMs))) return { outcome: 'claimed_elsewhere', conversationId };
    try {
      const agentId = await next();
      if (agentId === null) {
        await store.delete(key);
        return { outcome: 'no_agent_available', conversationId };
      }
      await client.conversations.assign(conversationId, { assignee_id: agentId });
      await store.set(key, String(agentId), claimTtlMs);
      return { outcome: 'assigned', conversationId, agentId };
    } catch (error) {
      // Let a later attempt (a retry, another delivery) try again.
      await store.delete(key).catch(() => undefined);
      throw error;
    }
  }

  return { next, assign, onConversationCreated: (event) => assign(event) };
}

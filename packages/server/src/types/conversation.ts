import type { Attributes, ConversationStatus } from './common';
import type { ConversationMessage, TemplateParams } from './message';

/**
 * A conversation as REST responses return it. `id` is the **display_id** (the per-account number REST paths and
 * webhook payloads use). Timestamps are unix seconds.
 */
export interface Conversation {
  id: number;
  account_id: number;
  inbox_id: number;
  uuid?: string;
  status: ConversationStatus;
  priority?: 'urgent' | 'high' | 'medium' | 'low' | null;
  labels: string[];
  custom_attributes: Attributes;
  additional_attributes: Attributes;
  /**
   * The conversation's last message, whatever its kind: an activity ("Conversation was resolved by …") or a private
   * note counts too. Empty for a conversation without messages.
   */
  messages?: ConversationMessage[];
  /** The latest message that is not an activity (a private note counts), or null. */
  last_non_activity_message?: ConversationMessage | null;
  meta?: ConversationMeta;
  contact_inbox?: { source_id: string; [key: string]: unknown };
  can_reply?: boolean;
  muted?: boolean;
  /** When a `snoozed` conversation reopens, as an ISO datetime (e.g. `2033-05-18T03:33:20.000Z`); null otherwise. */
  snoozed_until?: string | null;
  unread_count?: number;
  created_at: number;
  updated_at?: number;
  timestamp?: number;
  last_activity_at?: number;
  [key: string]: unknown;
}

/** `meta` of a conversation: who it is with and who handles it. `assignee` and `team` are absent when there is none. */
export interface ConversationMeta {
  sender?: { id: number; name?: string | null; email?: string | null; phone_number?: string | null; [key: string]: unknown };
  assignee?: { id: number; name?: string; [key: string]: unknown } | null;
  team?: { id: number; name?: string } | null;
  channel?: string;
  hmac_verified?: boolean;
  [key: string]: unknown;
}

/** Filters of `GET /conversations` (25 a page). */
export interface ConversationListQuery {
  /** Default `open`. */
  status?: ConversationStatus | 'all';
  /** Default `all`. */
  assignee_type?: 'me' | 'unassigned' | 'assigned' | 'all';
  inbox_id?: number;
  team_id?: number;
  labels?: string[];
  /**
   * Conversations with an incoming or outgoing message containing this text (case-insensitive; `%` and `_` act as
   * wildcards; activities and template-type messages are not searched). With `q`, Chatwoot ignores `status`:
   * resolved, pending and snoozed conversations match too.
   */
  q?: string;
  page?: number;
}

/** Counts of `GET /conversations`, one per assignee type. */
export interface ConversationListMeta {
  mine_count: number;
  assigned_count: number;
  unassigned_count: number;
  all_count: number;
}

/** One page of conversations (Chatwoot wraps it in `data`; the client unwraps). */
export interface ConversationList {
  meta: ConversationListMeta;
  payload: Conversation[];
}

/** Body of `POST /conversations`. An inbox that locks to a single conversation returns the existing one. */
export interface ConversationCreateInput {
  inbox_id: number;
  contact_id: number;
  /** The contact inbox's source id; Chatwoot finds or makes the contact inbox when omitted. */
  source_id?: string;
  status?: 'open' | 'resolved' | 'pending';
  assignee_id?: number;
  team_id?: number;
  custom_attributes?: Attributes;
  additional_attributes?: Attributes;
  /** A first message, e.g. a WhatsApp template for a first contact. */
  message?: { content: string; template_params?: TemplateParams };
}

/** What `POST /conversations/{id}/toggle_status` answers. */
export interface ToggleStatusResult {
  /** True once saved; null when an agent bot handed a `pending` conversation over to agents by opening it. */
  success: boolean | null;
  current_status: ConversationStatus;
  conversation_id: number;
  /** ISO datetime of a `snoozed` conversation's wake-up, else null. */
  snoozed_until: string | null;
}

/** Who to assign a conversation to: an agent, or a team (`assignee_id` wins when both are set). */
export type AssignInput = { assignee_id: number; team_id?: never } | { team_id: number; assignee_id?: never };

/** A team, as the team assignment answers it. */
export interface Team {
  id: number;
  name: string;
  description?: string | null;
  allow_auto_assign?: boolean;
  account_id?: number;
  [key: string]: unknown;
}

/** Who wrote a message, in the terms of a transcript. */
export type MessageRole = 'contact' | 'agent' | 'bot' | 'system';

/** A file attached to a message. */
export interface HistoryAttachment {
  /** Chatwoot's `file_type`: `image`, `audio`, `video`, `file`, `location`, `fallback`, … */
  type: string;
  /** Where to download it (`data_url`); empty when Chatwoot gave none. */
  url: string;
}

/** One message of a conversation, as `conversationHistory` yields it. */
export interface HistoryMessage {
  id: number;
  role: MessageRole;
  /** The text; empty for attachment-only messages. */
  content: string;
  at: Date;
  /** A private note: agents see it, the contact never did. */
  private: boolean;
  /** Who sent it, when Chatwoot says (automated messages have no sender). */
  sender?: { id: number; name?: string; type?: string };
  attachments?: HistoryAttachment[];
}

/** A JSON object of free-form attributes (`custom_attributes`, `additional_attributes`, …). */
export type Attributes = Record<string, unknown>;

/** Conversation statuses Chatwoot knows. */
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';

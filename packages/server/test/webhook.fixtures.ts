// Payloads shaped like the ones Chatwoot 4.x sends (see docs/chatwoot-internals.md, "Webhooks").
const account = { id: 1, name: 'Acme Support' };
const inbox = { id: 7, name: 'WhatsApp MX' };
const contact = {
  id: 42,
  name: 'Ana López',
  email: 'ana@example.com',
  phone_number: '+525512345678',
  identifier: 'customer-42',
  thumbnail: '',
  avatar: '',
  additional_attributes: {},
  custom_attributes: { plan: 'pro' },
  type: 'contact',
};
const agent = { id: 3, name: 'Luis', email: 'luis@acme.test', type: 'user' };

export const conversation = {
  additional_attributes: {},
  can_reply: true,
  channel: 'Channel::Whatsapp',
  contact_inbox: { id: 88, contact_id: 42, inbox_id: 7, source_id: '5215512345678', hmac_verified: false },
  id: 1234,
  inbox_id: 7,
  messages: [
    { id: 9001, content: 'Hola <b>& bienvenidos</b>', message_type: 0, created_at: 1_764_000_000, private: false },
  ],
  labels: ['vip'],
  meta: { sender: contact, assignee: agent, assignee_type: 'User', team: null, hmac_verified: false },
  status: 'open',
  custom_attributes: {},
  snoozed_until: null,
  unread_count: 1,
  priority: null,
  agent_last_seen_at: 0,
  contact_last_seen_at: 0,
  last_activity_at: 1_764_000_000,
  timestamp: 1_764_000_000,
  created_at: 1_764_000_000,
  account_id: 1,
};

const message = {
  account,
  additional_attributes: {},
  content_attributes: {},
  content_type: 'text',
  content: 'Precio <b>total</b> & envío > 100',
  conversation: { ...conversation, messages: undefined },
  created_at: '2025-11-24T16:00:00.000Z',
  id: 9001,
  inbox,
  message_type: 'incoming',
  private: false,
  sender: { ...contact, type: undefined, account },
  source_id: 'wamid.HBgNNTIxNTUxMjM0NTY3OBUCABIYFjNFQjA',
};

/** What Inbox::EventDataPresenter#webhook_data gives for an API inbox (channel = every channel_api column). */
const inboxWebhookData = {
  allow_messages_after_resolved: true,
  lock_to_single_conversation: false,
  auto_assignment_config: {},
  enable_auto_assignment: true,
  enable_email_collect: true,
  greeting_enabled: false,
  greeting_message: null,
  csat_survey_enabled: false,
  business_name: null,
  sender_name_type: 'friendly',
  timezone: 'UTC',
  out_of_office_message: null,
  working_hours_enabled: false,
  working_hours: [
    { day_of_week: 0, closed_all_day: true, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null, open_all_day: false },
  ],
  created_at: '2025-11-24T16:00:00.000Z',
  updated_at: '2025-11-24T16:00:00.000Z',
  channel: {
    id: 4,
    webhook_url: 'https://bots.acme.test/chatwoot',
    account_id: 1,
    created_at: '2025-11-24T16:00:00.000Z',
    updated_at: '2025-11-24T16:00:00.000Z',
    hmac_mandatory: false,
    additional_attributes: {},
    identifier: 'kqW8YxXvqj2hQn5mS1fZ9tUa',
    hmac_token: 'Lr3nF8pQ2sV7wX1yZ4aB6cD9',
    secret: 'Ts5hJ2kL8mN1pQ4rS7tU9vW3',
  },
  account,
};

const changes = [{ status: { previous_value: 'open', current_value: 'resolved' } }];

/** One realistic payload for every event Chatwoot sends. */
export const payloads = {
  message_created: { event: 'message_created', ...message },
  message_updated: { event: 'message_updated', ...message, content_attributes: { deleted: true } },
  conversation_created: { event: 'conversation_created', ...conversation },
  conversation_status_changed: {
    event: 'conversation_status_changed',
    ...conversation,
    status: 'resolved',
    changed_attributes: changes,
  },
  conversation_updated: {
    event: 'conversation_updated',
    ...conversation,
    changed_attributes: [{ label_list: { previous_value: [], current_value: ['vip'] } }],
  },
  contact_created: { event: 'contact_created', ...contact, account },
  contact_updated: {
    event: 'contact_updated',
    ...contact,
    account,
    changed_attributes: [{ email: { previous_value: null, current_value: 'ana@example.com' } }],
  },
  webwidget_triggered: {
    event: 'webwidget_triggered',
    id: 88,
    contact,
    inbox: { id: 2, name: 'Website' },
    account,
    current_conversation: null,
    source_id: '1f1b8c4e-0000-4000-8000-000000000000',
    event_info: { initiated_at: { timestamp: 'Mon Nov 24 2025' }, referer: 'https://shop.test/?a=1&b=<2>' },
  },
  // Inbox::EventDataPresenter#webhook_data (Chatwoot v4.15.1): settings + the channel record + account, no inbox id.
  inbox_created: { event: 'inbox_created', ...inboxWebhookData },
  inbox_updated: {
    event: 'inbox_updated',
    ...inboxWebhookData,
    greeting_enabled: true,
    updated_at: '2025-11-24T16:05:00.000Z',
    changed_attributes: [
      { greeting_enabled: { previous_value: false, current_value: true } },
      { updated_at: { previous_value: '2025-11-24T16:00:00.000Z', current_value: '2025-11-24T16:05:00.000Z' } },
    ],
  },
  // Agent bots only (app/listeners/agent_bot_listener.rb): the conversation's webhook_data, no changed_attributes.
  conversation_opened: { event: 'conversation_opened', ...conversation, account },
  conversation_resolved: { event: 'conversation_resolved', ...conversation, status: 'resolved', account },
  conversation_typing_on: { event: 'conversation_typing_on', conversation, user: agent, is_private: false, account },
  conversation_typing_off: { event: 'conversation_typing_off', conversation, user: agent, is_private: false, account },
} as const;

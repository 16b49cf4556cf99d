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
  inbox_created: { event: 'inbox_created', id: 9, name: 'New inbox', channel_type: 'Channel::Api', account },
  inbox_updated: {
    event: 'inbox_updated',
    id: 9,
    name: 'Renamed',
    account,
    changed_attributes: [{ name: { previous_value: 'New inbox', current_value: 'Renamed' } }],
  },
  conversation_typing_on: { event: 'conversation_typing_on', conversation, user: agent, is_private: false, account },
  conversation_typing_off: { event: 'conversation_typing_off', conversation, user: agent, is_private: false, account },
} as const;

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeChatwoot, type FakeChatwoot } from '../src/index';

// Which RoomChannel streams get which events (Chatwoot v4.15.1, app/listeners/action_cable_listener.rb).
let fake: FakeChatwoot;
const clients: WebSocket[] = [];

beforeEach(async () => {
  fake = await startFakeChatwoot();
});
afterEach(async () => {
  for (const client of clients) client.terminate();
  clients.length = 0;
  await fake.close();
});

async function subscribe(params: Record<string, unknown>) {
  const client = new WebSocket(`${fake.url.replace('http', 'ws')}/cable`, 'actioncable-v1-json');
  clients.push(client);
  const frames: Array<Record<string, any>> = [];
  client.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  const identifier = JSON.stringify({ channel: 'RoomChannel', ...params });
  client.send(JSON.stringify({ command: 'subscribe', identifier }));
  await until(() => frames.some((frame) => frame.type === 'confirm_subscription'));
  return { frames, events: () => frames.filter((frame) => frame.message).map((frame) => frame.message) };
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('cable broadcasts', () => {
  it('an agent of one inbox gets that inbox\'s messages only; an administrator gets all', async () => {
    const { inboxes } = fake.api.seed({
      inboxes: [
        { name: 'Support', channel_type: 'Channel::WebWidget', website_token: 'support-token' },
        { name: 'Sales', channel_type: 'Channel::WebWidget', website_token: 'sales-token' },
      ],
    });
    const [agent, admin] = fake.api.seed({
      agents: [
        { name: 'Sam', email: 'sam@example.test', role: 'agent', inboxIds: [inboxes[0]!.id] },
        { name: 'Ada', email: 'ada@example.test', role: 'administrator' },
      ],
    }).agents;
    const sam = await subscribe({ pubsub_token: `pubsub-user-${agent!.id}`, account_id: 1, user_id: agent!.id });
    const ada = await subscribe({ pubsub_token: `pubsub-user-${admin!.id}`, account_id: 1, user_id: admin!.id });
    fake.api.recordVisitorMessage({ websiteToken: 'sales-token', visitorId: 1, content: 'sales question' });
    fake.api.recordVisitorMessage({ websiteToken: 'support-token', visitorId: 2, content: 'support question' });
    await until(() => ada.events().filter((event) => event.event === 'message.created').length === 2);
    await until(() => sam.events().some((event) => event.event === 'message.created'));
    const samMessages = sam.events().filter((event) => event.event === 'message.created');
    expect(samMessages.map((event) => event.data.content)).toEqual(['support question']);
    expect(samMessages[0].data).toMatchObject({ account_id: 1, inbox_id: inboxes[0]!.id, message_type: 0 });
    // contact.created goes to the account stream: every agent of the account.
    expect(sam.events().filter((event) => event.event === 'contact.created')).toHaveLength(2);
  });

  it('a contact inbox\'s stream gets its public messages, never private notes', async () => {
    fake.api.seed({ inboxes: [{ name: 'Support', channel_type: 'Channel::WebWidget', website_token: 'support-token' }] });
    const { contactId, conversationId } = fake.api.recordVisitorMessage({ websiteToken: 'support-token', visitorId: 1, content: 'hi' });
    const contactInbox = fake.api.contactInboxes(contactId)[0]!;
    const visitor = await subscribe({ pubsub_token: `pubsub-${contactInbox.id}` });
    const post = (body: Record<string, unknown>) =>
      fetch(`${fake.url}/api/v1/accounts/1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', api_access_token: fake.api.tokens.admin },
        body: JSON.stringify(body),
      });
    expect((await post({ content: 'internal', private: true })).status).toBe(200);
    expect((await post({ content: 'public reply', message_type: 'outgoing' })).status).toBe(200);
    await until(() => visitor.events().some((event) => event.event === 'message.created'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(visitor.events().map((event) => event.data.content)).toEqual(['public reply']);
  });
});

import { describe, expect, it } from 'vitest';
import type { FakeWidgetReply } from '../src/index';
import { call, useStandInPerTest } from './support/api';

const standIn = useStandInPerTest();

/** Opens a widget page session (as a browser would) and types a message in it. */
async function visitorTypes(websiteToken: string, content: string): Promise<{ session: string }> {
  const page = await (await fetch(`${standIn.fake.url}/widget?website_token=${websiteToken}`)).text();
  const boot = JSON.parse(/id="fake-widget-boot">([^<]*)<\/script>/.exec(page)![1]!) as { session: string };
  const typed = await fetch(`${standIn.fake.url}/__fake/widget/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session: boot.session, content }),
  });
  expect(typed.status).toBe(201);
  return boot;
}

describe('REST API stand-in: replies to widget visitors', () => {
  it('reports a public outgoing message in a visitor’s conversation as a widget reply, and nothing else', async () => {
    const replies: FakeWidgetReply[] = [];
    const stop = standIn.fake.api.onWidgetReply((reply) => replies.push(reply));
    await visitorTypes('site-7', 'Where is my parcel?');
    const [conversation] = standIn.fake.api.conversations();
    const path = `${standIn.base}/conversations/${conversation!.display_id}/messages`;

    expect((await call(standIn.fake, 'POST', path, { body: { content: 'A private note', private: true } })).status).toBe(200);
    const sent = await call(standIn.fake, 'POST', path, { body: { content: 'It ships today.', message_type: 'outgoing' } });
    expect(sent.status).toBe(200);

    const [visitor] = standIn.fake.widget.visitors('site-7');
    expect(replies).toEqual([
      {
        websiteToken: 'site-7',
        visitorId: visitor!.contactId,
        content: 'It ships today.',
        agentName: 'Ada Admin',
        conversationId: conversation!.display_id,
        messageId: sent.body.id,
      },
    ]);
    stop();
    await call(standIn.fake, 'POST', path, { body: { content: 'After unsubscribing' } });
    expect(replies).toHaveLength(1);
  });

  it('ignores conversations of contacts that never wrote from a widget', async () => {
    const replies: FakeWidgetReply[] = [];
    standIn.fake.api.onWidgetReply((reply) => replies.push(reply));
    const [inbox] = standIn.fake.api.seed({ inboxes: [{ name: 'Site', website_token: 'site-8' }] }).inboxes;
    const contact = await call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { name: 'Known', email: 'known@x.test' } });
    const created = await call(standIn.fake, 'POST', `${standIn.base}/conversations`, {
      body: { inbox_id: inbox!.id, contact_id: contact.body.payload.contact.id, message: { content: 'Hello from us' } },
    });
    expect(created.status).toBe(200);
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${created.body.id}/messages`, { body: { content: 'Anyone there?' } });
    expect(replies).toEqual([]);
  });

  it('shows the reply in the visitor’s open widget page (startFakeChatwoot wires the two sides)', async () => {
    const { session } = await visitorTypes('site-9', 'Do you ship to Monterrey?');
    const [conversation] = standIn.fake.api.conversations();
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation!.display_id}/messages`, { body: { content: 'Yes, in 2 days.' } });

    const [visitor] = standIn.fake.widget.visitors('site-9');
    expect(visitor!.messages.map((m) => [m.message_type, m.content, m.sender.name])).toEqual([
      [0, 'Do you ship to Monterrey?', 'Visitor'],
      [1, 'Yes, in 2 days.', 'Ada Admin'],
    ]);
    // What the page fetches on its next poll: the agent message, for it to show and report as chatwoot:on-message.
    const poll = await (await fetch(`${standIn.fake.url}/__fake/widget/poll?session=${session}&after=0`)).json();
    expect(poll.items).toMatchObject([{ kind: 'agent-message', message: { content: 'Yes, in 2 days.', message_type: 1 } }]);
  });
});

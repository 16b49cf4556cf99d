/**
 * A widget visitor's `setUser` against the account's contacts, as Chatwoot v4.15.1's widget `set_user` runs
 * ContactIdentifyAction (`src/api/contact-identify.ts`): merged into the contact with the same identifier, email or
 * phone, never into one identified as someone else. Driven over HTTP the way a widget page talks to the stand-in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '../src/index';

let fake: FakeChatwoot;
beforeEach(async () => {
  fake = await startFakeChatwoot();
});
afterEach(() => fake.close());

/** A widget page load: its session id, as the page reads it from its boot data. */
async function openWidgetPage(websiteToken = 'merge-inbox'): Promise<string> {
  const html = await (await fetch(`${fake.url}/widget?website_token=${websiteToken}`)).text();
  const boot = /<script type="application\/json" id="fake-widget-boot">(.*?)<\/script>/s.exec(html);
  return (JSON.parse(boot![1]!) as { session: string }).session;
}

async function post(path: string, body: unknown): Promise<number> {
  const response = await fetch(`${fake.url}/__fake/widget/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

const setUser = (session: string, identifier: string, user: Record<string, unknown>) =>
  post('set-user', { session, identifier, user });
const say = (session: string, content: string) => post('messages', { session, content });
const contacts = () =>
  fake.api.contacts().map(({ id, name, email, phone_number, identifier }) => ({ id, name, email, phone_number, identifier }));

describe('setUser and the account contacts', () => {
  it('merges the visitor into the contact with the same email (any case) and identifies it', async () => {
    const [crm] = fake.api.seed({ contacts: [{ name: 'Ada (CRM)', email: 'Ada@Example.com' }] }).contacts;
    const session = await openWidgetPage();
    expect(await setUser(session, 'user-7', { name: 'Ada Lovelace', email: 'ADA@example.com' })).toBe(200);
    expect(await say(session, 'Hello')).toBe(201);
    expect(contacts()).toEqual([
      { id: crm!.id, name: 'Ada Lovelace', email: 'ada@example.com', phone_number: null, identifier: 'user-7' },
    ]);
    expect(fake.api.conversations().map((conversation) => conversation.contactId)).toEqual([crm!.id]);
  });

  it('moves a visitor who wrote before identifying, conversation and all, into the contact with that identifier', async () => {
    const [crm] = fake.api.seed({ contacts: [{ name: 'Known', identifier: 'user-8', phone_number: '+15550100' }] }).contacts;
    const session = await openWidgetPage();
    expect(await say(session, 'Hi, anonymous here')).toBe(201);
    const anonymous = contacts().find((contact) => contact.id !== crm!.id)!;
    expect(await setUser(session, 'user-8', { name: 'Bo', email: 'bo@example.com' })).toBe(200);
    expect(contacts()).toEqual([
      { id: crm!.id, name: 'Bo', email: 'bo@example.com', phone_number: '+15550100', identifier: 'user-8' },
    ]);
    const [conversation] = fake.api.conversations();
    expect(conversation!.contactId).toBe(crm!.id);
    expect(fake.api.messages(conversation!.display_id).map((message) => message.sender)).toEqual([
      { type: 'contact', id: crm!.id },
    ]);
    expect(fake.api.contactInboxes(anonymous.id)).toEqual([]);
    // Later messages of that page land in the same conversation of the known contact.
    expect(await say(session, 'Still me')).toBe(201);
    expect(fake.api.conversations()).toHaveLength(1);
  });

  it('merges by phone, but not when that contact has another email than the one given', async () => {
    const [byPhone, otherEmail] = fake.api.seed({
      contacts: [
        { name: 'Phone only', phone_number: '+15550101' },
        { name: 'Has email', phone_number: '+15550102', email: 'first@example.com' },
      ],
    }).contacts;
    const first = await openWidgetPage();
    expect(await setUser(first, 'user-9', { name: 'Cy', phone_number: '+15550101' })).toBe(200);
    expect(fake.api.contacts().find((contact) => contact.id === byPhone!.id)?.identifier).toBe('user-9');

    const second = await openWidgetPage();
    expect(await setUser(second, 'user-10', { name: 'Di', email: 'second@example.com', phone_number: '+15550102' })).toBe(200);
    expect(await say(second, 'Hello')).toBe(201);
    expect(fake.api.contacts().find((contact) => contact.id === otherEmail!.id)).toMatchObject({
      identifier: null,
      email: 'first@example.com',
    });
    // The visitor got a contact of their own, without the phone number the other contact holds.
    expect(contacts().find((contact) => contact.identifier === 'user-10')).toMatchObject({
      email: 'second@example.com',
      phone_number: null,
    });
  });

  it('never merges into a contact identified as someone else', async () => {
    const [other] = fake.api.seed({ contacts: [{ name: 'Eve', email: 'shared@example.com', identifier: 'user-11' }] }).contacts;
    const session = await openWidgetPage();
    expect(await setUser(session, 'user-12', { name: 'Fay', email: 'shared@example.com' })).toBe(200);
    expect(await say(session, 'Hello')).toBe(201);
    expect(fake.api.contacts().find((contact) => contact.id === other!.id)).toMatchObject({ name: 'Eve', identifier: 'user-11' });
    expect(contacts().find((contact) => contact.id !== other!.id)).toMatchObject({ identifier: 'user-12', email: null });
  });
});

import { describe, expect, it } from 'vitest';
import type { FakeChannelType } from '../src/index';
import { call, useStandInPerTest } from './support/api';

const standIn = useStandInPerTest();
const INTERNAL_ERROR = { status: 500, error: 'Internal Server Error' };

const create = (body: Record<string, unknown>) => call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body });
const search = (query: string) => call(standIn.fake, 'GET', `${standIn.base}/contacts/search?${query}`);

describe('stand-in contacts: uniqueness (validation, then INSERT)', () => {
  it('refuses a taken phone, email or identifier with 422 when creates do not overlap', async () => {
    await create({ phone_number: '+5215512345678', email: 'a@x.test', identifier: 'A-1' });
    const again = await create({ phone_number: '+5215512345678' });
    expect(again).toMatchObject({ status: 422, body: { message: 'Phone number has already been taken', attributes: ['phone_number'] } });
  });

  it('lets two overlapping creates with one phone number both succeed: a duplicate, as without a unique index', async () => {
    standIn.fake.api.configure({ contactCreateRaceMs: 50 });
    const [first, second] = await Promise.all([
      create({ name: 'One', phone_number: '+5215512345678' }),
      create({ name: 'Two', phone_number: '+5215512345678' }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(standIn.fake.api.contacts().filter((contact) => contact.phone_number === '+5215512345678')).toHaveLength(2);
  });

  it('answers the loser of an email or identifier race with a 500 (unique index), and keeps one contact', async () => {
    standIn.fake.api.configure({ contactCreateRaceMs: 50 });
    const events: string[] = [];
    standIn.fake.api.onEvent((event) => events.push(event.event));
    const byEmail = await Promise.all([create({ email: 'Race@x.test' }), create({ email: 'race@x.test' })]);
    expect(byEmail.map((answer) => answer.status).sort()).toEqual([200, 500]);
    expect(byEmail.find((answer) => answer.status === 500)!.body).toEqual(INTERNAL_ERROR);
    const byIdentifier = await Promise.all([create({ identifier: 'C-9' }), create({ identifier: 'C-9' })]);
    expect(byIdentifier.map((answer) => answer.status).sort()).toEqual([200, 500]);
    expect(standIn.fake.api.contacts()).toHaveLength(2);
    expect(events).toEqual(['contact_created', 'contact_created']);
  });
});

describe('stand-in contacts: search', () => {
  it('matches identifier case-sensitively (LIKE) and name, email, phone ignoring case (ILIKE)', async () => {
    standIn.fake.api.seed({
      contacts: [
        { name: 'Ana', identifier: 'CUST-1' },
        { name: 'Bo', email: 'BO@x.test' },
      ],
    });
    expect((await search('q=CUST')).body.payload.map((c: any) => c.name)).toEqual(['Ana']);
    expect((await search('q=cust')).body.payload).toEqual([]);
    expect((await search('q=bo%40X')).body.payload.map((c: any) => c.name)).toEqual(['Bo']);
    expect((await search('q=aN')).body.payload.map((c: any) => c.name)).toEqual(['Ana']);
    // `%` and `_` in q stay wildcards.
    expect((await search('q=C_ST')).body.payload.map((c: any) => c.name)).toEqual(['Ana']);
  });

  it('finds contacts without email, phone or identifier too (not only resolved ones)', async () => {
    standIn.fake.api.seed({ contacts: [{ name: 'anonymous visitor' }] });
    expect((await search('q=visitor')).body.payload.map((c: any) => c.name)).toEqual(['anonymous visitor']);
    expect((await call(standIn.fake, 'GET', `${standIn.base}/contacts`)).body.payload).toEqual([]);
  });

  it('answers meta.count as this page’s size, has_more, and current_page as sent', async () => {
    standIn.fake.api.seed({ contacts: Array.from({ length: 17 }, (_, index) => ({ name: `Person ${index}` })) });
    const first = await search('q=person');
    expect(first.body.meta).toEqual({ count: 15, current_page: 1, has_more: true });
    const second = await search('q=person&page=2');
    expect(second.body.meta).toEqual({ count: 2, current_page: '2', has_more: false });
    expect(second.body.payload).toHaveLength(2);
    expect((await search('q=person&page=0')).body).toEqual(INTERNAL_ERROR);
  });

  it('answers a blank q with 200 and an empty page (the 422 guard returns before it renders)', async () => {
    standIn.fake.api.seed({ contacts: [{ name: 'Ana', email: 'a@x.test' }] });
    for (const query of ['', 'q=', 'q=%20%20']) {
      expect(await search(query)).toMatchObject({
        status: 200,
        body: { meta: { count: null, current_page: 1, has_more: null }, payload: [] },
      });
    }
  });
});

describe('stand-in contacts: sort', () => {
  it('sorts on company_name, city and country from additional_attributes, nulls last either way', async () => {
    standIn.fake.api.seed({
      contacts: [
        { name: 'None', email: 'n@x.test' },
        { name: 'Zeta', email: 'z@x.test', additional_attributes: { company_name: 'Zeta', city: 'Austin', country: 'Mexico' } },
        { name: 'Acme', email: 'a@x.test', additional_attributes: { company_name: 'Acme', city: 'Boston', country: 'Brazil' } },
      ],
    });
    const order = async (sort: string) =>
      (await call(standIn.fake, 'GET', `${standIn.base}/contacts?sort=${sort}`)).body.payload.map((c: any) => c.name);
    expect(await order('company_name')).toEqual(['Acme', 'Zeta', 'None']);
    expect(await order('-company_name')).toEqual(['Zeta', 'Acme', 'None']);
    expect(await order('city')).toEqual(['Zeta', 'Acme', 'None']);
    expect(await order('-country')).toEqual(['Zeta', 'Acme', 'None']);
  });
});

describe('stand-in contacts: contact inboxes (ContactInboxBuilder)', () => {
  async function conflict(channel: FakeChannelType, sourceId: string) {
    const [inbox] = standIn.fake.api.seed({ inboxes: [{ name: channel, channel_type: channel }] }).inboxes;
    const [holder, other] = standIn.fake.api.seed({
      contacts: [
        { name: 'Holder', email: 'h@x.test', phone_number: '+15550000001' },
        { name: 'Other', email: 'o@x.test', phone_number: '+15550000002' },
      ],
    }).contacts;
    const path = (id: number) => `${standIn.base}/contacts/${id}/contact_inboxes`;
    const held = await call(standIn.fake, 'POST', path(holder!.id), { body: { inbox_id: inbox!.id, source_id: sourceId } });
    expect(held.status).toBe(200);
    const answer = await call(standIn.fake, 'POST', path(other!.id), { body: { inbox_id: inbox!.id, source_id: sourceId } });
    return {
      answer,
      holderSources: standIn.fake.api.contactInboxes(holder!.id).map((link) => link.source_id),
      otherSources: standIn.fake.api.contactInboxes(other!.id).map((link) => link.source_id),
    };
  }

  it('renames the other contact’s source id for email and SMS inboxes, and links this contact', async () => {
    const email = await conflict('Channel::Email', 'shared@x.test');
    expect(email.answer.status).toBe(200);
    expect(email.answer.body.source_id).toBe('shared@x.test');
    expect(email.holderSources).toEqual([expect.stringMatching(/^\dshared@x\.test$/)]);
    expect(email.otherSources).toEqual(['shared@x.test']);

    const sms = await conflict('Channel::Sms', '+15559990000');
    expect(sms.answer.status).toBe(200);
    expect(sms.holderSources).toEqual([expect.stringMatching(/^whatsapp:\+15559990000\d{1,2}$/)]);
    expect(sms.otherSources).toEqual(['+15559990000']);
  });

  it('answers 422 for WhatsApp: the renamed `whatsapp:…` source id fails its format', async () => {
    const { answer, holderSources, otherSources } = await conflict('Channel::Whatsapp', '15559990000');
    expect(answer.status).toBe(422);
    expect(answer.body.attributes).toEqual(['source_id']);
    expect(answer.body.message).toMatch(/^Source invalid source id for whatsapp inbox\. valid Regex \(\?-mix:/);
    expect(holderSources).toEqual(['15559990000']);
    expect(otherSources).toEqual([]);
  });

  it('answers 500 for API and website inboxes (the RecordNotUnique is re-raised)', async () => {
    for (const channel of ['Channel::Api', 'Channel::WebWidget'] as const) {
      const { answer, holderSources, otherSources } = await conflict(channel, `session-${channel}`);
      expect(answer).toMatchObject({ status: 500, body: INTERNAL_ERROR });
      expect(holderSources).toEqual([`session-${channel}`]);
      expect(otherSources).toEqual([]);
    }
  });

  it('reuses the contact’s own contact inbox and checks the WhatsApp source id format', async () => {
    const [inbox] = standIn.fake.api.seed({ inboxes: [{ name: 'WA', channel_type: 'Channel::Whatsapp' }] }).inboxes;
    const [contact] = standIn.fake.api.seed({ contacts: [{ phone_number: '+15550000001' }] }).contacts;
    const path = `${standIn.base}/contacts/${contact!.id}/contact_inboxes`;
    const generated = await call(standIn.fake, 'POST', path, { body: { inbox_id: inbox!.id } });
    expect(generated.body.source_id).toBe('15550000001');
    await call(standIn.fake, 'POST', path, { body: { inbox_id: inbox!.id } });
    expect(standIn.fake.api.contactInboxes(contact!.id)).toHaveLength(1);
    const bad = await call(standIn.fake, 'POST', path, { body: { inbox_id: inbox!.id, source_id: '+15550000001' } });
    expect(bad.status).toBe(422);
    expect(bad.body.attributes).toEqual(['source_id']);
  });

  it('needs the phone (or email) the channel addresses: 422 ParameterMissing', async () => {
    const [inbox] = standIn.fake.api.seed({ inboxes: [{ name: 'SMS', channel_type: 'Channel::Sms' }] }).inboxes;
    const [contact] = standIn.fake.api.seed({ contacts: [{ email: 'nophone@x.test' }] }).contacts;
    const answer = await call(standIn.fake, 'POST', `${standIn.base}/contacts/${contact!.id}/contact_inboxes`, {
      body: { inbox_id: inbox!.id },
    });
    expect(answer).toMatchObject({ status: 422, body: { error: 'param is missing or the value is empty: contact phone number' } });
  });

  it('answers a conversation create 422 `source_id should be unique` for API inboxes, and renames for email', async () => {
    const [api, mail] = standIn.fake.api.seed({
      inboxes: [
        { name: 'API', channel_type: 'Channel::Api' },
        { name: 'Mail', channel_type: 'Channel::Email' },
      ],
    }).inboxes;
    const [holder, other] = standIn.fake.api.seed({ contacts: [{ email: 'h@x.test' }, { email: 'o@x.test' }] }).contacts;
    const start = (contactId: number, inboxId: number, sourceId: string) =>
      call(standIn.fake, 'POST', `${standIn.base}/conversations`, { body: { contact_id: contactId, inbox_id: inboxId, source_id: sourceId } });
    expect((await start(holder!.id, api!.id, 'api-session')).status).toBe(200);
    expect(await start(other!.id, api!.id, 'api-session')).toMatchObject({ status: 422, body: { error: 'source_id should be unique' } });
    expect((await start(holder!.id, mail!.id, 'thread-9')).status).toBe(200);
    const renamed = await start(other!.id, mail!.id, 'thread-9');
    expect(renamed.status).toBe(200);
    expect(standIn.fake.api.contactInboxes(holder!.id).map((link) => link.source_id)).toEqual([
      'api-session',
      expect.stringMatching(/^\dthread-9$/),
    ]);
  });

  it('answers 500 to a contact create whose source id another contact holds, for any channel, and keeps no contact', async () => {
    const [inbox] = standIn.fake.api.seed({ inboxes: [{ name: 'Mail', channel_type: 'Channel::Email' }] }).inboxes;
    const first = await create({ email: 'first@x.test', inbox_id: inbox!.id, source_id: 'thread-1' });
    expect(first.body.payload.contact_inbox.source_id).toBe('thread-1');
    const events: string[] = [];
    standIn.fake.api.onEvent((event) => events.push(event.event));
    const second = await create({ email: 'second@x.test', inbox_id: inbox!.id, source_id: 'thread-1' });
    expect(second).toMatchObject({ status: 500, body: INTERNAL_ERROR });
    expect(standIn.fake.api.contacts().map((contact) => contact.email)).toEqual(['first@x.test']);
    expect(events).toEqual([]);
  });
});

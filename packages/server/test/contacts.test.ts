import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createChatwootClient,
  findContact,
  findOrCreateContact,
  InvalidCustomerError,
  PhoneNumberError,
  upsertContact,
  type ChatwootClient,
} from '../src/index';

// The client's default budget (2,500 requests/min) would make these tests wait on its own limiter.
const FAST = { rateLimit: { requestsPerMinute: 60_000 } };

let fake: FakeChatwoot;
let client: ChatwootClient;

beforeEach(async () => {
  fake = await startFakeChatwoot();
  client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
});
afterEach(async () => {
  await fake.close();
});

/** Requests that change state (the contact filter is a read even though it is a POST). */
const writes = () => fake.api.requests().filter((request) => request.method !== 'GET' && !request.path.endsWith('/filter'));

describe('findContact', () => {
  it('finds a Brazilian contact stored without the ninth digit (as WhatsApp reports it), and the reverse', async () => {
    const [old, current] = fake.api.seed({
      contacts: [
        { name: 'Old form', phone_number: '+551187654321' },
        { name: 'Current form', phone_number: '+5521998765432' },
      ],
    }).contacts;
    expect((await findContact(client, { phone: '+55 11 98765-4321' }))?.id).toBe(old!.id);
    expect((await findContact(client, { phone: '+55 21 9876-5432' }))?.id).toBe(current!.id);
    // A landline is only itself.
    fake.api.seed({ contacts: [{ name: 'Mobile', phone_number: '+5511933334444' }] });
    expect(await findContact(client, { phone: '+55 11 3333-4444' })).toBeNull();
    // The stored form is kept: upserting the current form changes nothing.
    fake.api.clearRequests();
    expect((await upsertContact(client, { phone: '+5511987654321', name: 'Old form' })).action).toBe('unchanged');
    expect(writes()).toHaveLength(0);
  });

  it('finds a Mexican contact stored in the legacy +521 form from the number as people write it', async () => {
    const [stored] = fake.api.seed({ contacts: [{ name: 'Ana', phone_number: '+5215512345678' }] }).contacts;
    fake.api.clearRequests();

    const found = await findContact(client, { phone: '+52 55 1234 5678' });

    expect(found?.id).toBe(stored!.id);
    expect(found?.phone_number).toBe('+5215512345678');
    // Every form in one exact-filter request, never the substring search.
    expect(fake.api.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /api/v1/accounts/${fake.api.accountId}/contacts/filter`,
    ]);
  });

  it('finds by the current form too, and by a national number with defaultCountry', async () => {
    const [stored] = fake.api.seed({ contacts: [{ name: 'Luis', phone_number: '+525598765432' }] }).contacts;
    expect((await findContact(client, { phone: '+5215598765432' }))?.id).toBe(stored!.id);
    expect((await findContact(client, { phone: '55 9876 5432' }, { defaultCountry: 'MX' }))?.id).toBe(stored!.id);
  });

  it('matches email and identifier exactly and case-insensitively, and returns null when absent', async () => {
    const [ana, bob] = fake.api.seed({
      contacts: [
        { name: 'Ana', email: 'ana@example.com', identifier: 'crm-1' },
        { name: 'Ana Banana', email: 'ana.banana@example.com' },
      ],
    }).contacts;
    expect((await findContact(client, { email: 'ANA@Example.com' }))?.id).toBe(ana!.id);
    expect((await findContact(client, { identifier: 'crm-1' }))?.id).toBe(ana!.id);
    expect((await findContact(client, { email: 'ana.banana@example.com' }))?.id).toBe(bob!.id);
    // A substring of an existing email is not a match.
    expect(await findContact(client, { email: 'ana@example.co' })).toBeNull();
    expect(await findContact(client, { identifier: 'crm-2' })).toBeNull();
  });

  it('prefers the exact spelling of an identifier when case variants exist', async () => {
    const [upper, lower] = fake.api.seed({ contacts: [{ identifier: 'CRM-1' }, { identifier: 'crm-1' }] }).contacts;
    expect((await findContact(client, { identifier: 'crm-1' }))?.id).toBe(lower!.id);
    expect((await findContact(client, { identifier: 'CRM-1' }))?.id).toBe(upper!.id);
    expect((await findContact(client, { identifier: 'Crm-1' }))?.id).toBeDefined();
  });

  it('rejects an impossible phone with a typed error before any request', async () => {
    fake.api.clearRequests();
    await expect(findContact(client, { phone: '+52 12' })).rejects.toBeInstanceOf(PhoneNumberError);
    await expect(findContact(client, { phone: 'call me' })).rejects.toMatchObject({ code: 'invalid_phone' });
    expect(fake.api.requests()).toHaveLength(0);
  });
});

describe('upsertContact', () => {
  it('creates a contact in E.164 with a lower-cased email, then reports it unchanged with no write', async () => {
    const customer = {
      identifier: 'crm-7',
      name: 'Ana López',
      email: 'Ana@Example.com',
      phone: '+52 1 55 1234 5678',
      customAttributes: { plan: 'pro' },
    };
    const first = await upsertContact(client, customer);
    expect(first.action).toBe('created');
    const [stored] = fake.api.contacts();
    expect(stored).toMatchObject({
      identifier: 'crm-7',
      name: 'Ana López',
      email: 'ana@example.com',
      phone_number: '+525512345678',
      custom_attributes: { plan: 'pro' },
    });

    fake.api.clearRequests();
    const second = await upsertContact(client, customer);
    expect(second).toMatchObject({ action: 'unchanged', contact: { id: stored!.id } });
    expect(writes()).toHaveLength(0);
    expect(fake.api.requests()).toHaveLength(1);
  });

  it('PATCHes only the fields that changed and merges custom attributes key by key', async () => {
    const [stored] = fake.api.seed({
      contacts: [
        { name: 'Old Name', email: 'ana@example.com', identifier: 'crm-1', custom_attributes: { plan: 'free', since: 2020 } },
      ],
    }).contacts;
    fake.api.clearRequests();

    const result = await upsertContact(client, {
      identifier: 'crm-1',
      name: 'New Name',
      email: 'ana@example.com',
      customAttributes: { plan: 'pro', since: 2020 },
    });

    expect(result.action).toBe('updated');
    const patches = writes();
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ method: 'PATCH', path: `/api/v1/accounts/${fake.api.accountId}/contacts/${stored!.id}` });
    expect(patches[0]!.body).toEqual({ name: 'New Name', custom_attributes: { plan: 'pro' } });
    expect(fake.api.contacts()[0]).toMatchObject({ name: 'New Name', custom_attributes: { plan: 'pro', since: 2020 } });
  });

  it('matches by phone variant and does not rewrite the stored form of the number', async () => {
    fake.api.seed({ contacts: [{ name: 'Ana', phone_number: '+5215512345678' }] });
    fake.api.clearRequests();
    const result = await upsertContact(client, { name: 'Ana', phone: '55 1234 5678' }, { defaultCountry: 'MX' });
    expect(result.action).toBe('unchanged');
    expect(writes()).toHaveLength(0);
    expect(fake.api.contacts()).toHaveLength(1);
  });

  it('settles the 422 race of two concurrent upserts of one customer into a single contact', async () => {
    // No phone: creates of one phone take turns and never race (see contacts-races.test.ts).
    const customer = { identifier: 'crm-race', email: 'race@example.com', name: 'Racer' };
    const results = await Promise.all([upsertContact(client, customer), upsertContact(client, customer)]);

    expect(fake.api.contacts()).toHaveLength(1);
    expect(results.map((result) => result.action).sort()).toEqual(['created', 'unchanged']);
    expect(results[0]!.contact.id).toBe(results[1]!.contact.id);
    // The race really happened: one create was refused with Chatwoot's 422.
    const creates = fake.api.requests({ method: 'POST', path: /\/contacts$/ });
    expect(creates.map((request) => request.status).sort()).toEqual([200, 422]);
  });

  it('treats a create whose answer was lost as created, without a duplicate', async () => {
    fake.api.configure({
      faults: [{ kind: 'drop', phase: 'after', route: /^POST \/api\/v1\/accounts\/\d+\/contacts$/, times: 1 }],
    });
    const result = await upsertContact(client, { email: 'lost@example.com', name: 'Lost Answer' });
    expect(result.action).toBe('created');
    expect(fake.api.contacts()).toHaveLength(1);
    expect(result.contact.email).toBe('lost@example.com');
  });

  it('re-sends a create only after a lookup shows the failed one did not land', async () => {
    fake.api.configure({ faults: [{ kind: '500', route: /^POST \/api\/v1\/accounts\/\d+\/contacts$/, times: 1 }] });
    const result = await upsertContact(client, { identifier: 'crm-5xx', name: 'Retried' });
    expect(result.action).toBe('created');
    expect(fake.api.contacts()).toHaveLength(1);
    const creates = fake.api.requests({ method: 'POST', path: /\/contacts$/ }).map((request) => request.status);
    expect(creates).toEqual([500, 200]);
    // lookup, create (500), lookup (nothing), create
    expect(fake.api.requests()).toHaveLength(4);
  });

  it('gives up after three creates that fail before reaching Chatwoot, with the typed error', async () => {
    fake.api.configure({ faults: [{ kind: '500', route: /^POST \/api\/v1\/accounts\/\d+\/contacts$/ }] });
    await expect(upsertContact(client, { identifier: 'crm-down' })).rejects.toMatchObject({ code: 'api_error', status: 500 });
    expect(fake.api.requests({ method: 'POST', path: /\/contacts$/ })).toHaveLength(3);
    expect(fake.api.contacts()).toHaveLength(0);
  });

  it('rejects a customer with nothing to match by, before any request', async () => {
    fake.api.clearRequests();
    const error = await upsertContact(client, { name: 'Nobody' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidCustomerError);
    expect(error).toMatchObject({ code: 'invalid_customer' });
    await expect(upsertContact(client, { email: 42 as unknown as string })).rejects.toMatchObject({
      code: 'invalid_customer',
      field: 'email',
    });
    expect(fake.api.requests()).toHaveLength(0);
  });

  it('never overwrites an identifier that belongs to another record, and stays idempotent', async () => {
    fake.api.seed({ contacts: [{ name: 'Ana', email: 'ana@example.com', identifier: 'other-system-9' }] });
    const first = await upsertContact(client, { identifier: 'crm-1', email: 'ana@example.com', name: 'Ana' });
    expect(first.action).toBe('unchanged');
    expect(fake.api.contacts()[0]!.identifier).toBe('other-system-9');
  });
});

describe('findOrCreateContact', () => {
  it('creates when absent and never modifies an existing contact', async () => {
    const created = await findOrCreateContact(client, { phone: '+14155550100', name: 'New' });
    expect(created.created).toBe(true);
    fake.api.clearRequests();
    const found = await findOrCreateContact(client, { phone: '+1 415 555 0100', name: 'Another Name' });
    expect(found).toMatchObject({ created: false, contact: { id: created.contact.id, name: 'New' } });
    expect(writes()).toHaveLength(0);
  });
});

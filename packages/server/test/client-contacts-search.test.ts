import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatwootClient, type ChatwootClient, type ContactFilterCondition } from '../src/index';

const FAST = { rateLimit: { requestsPerMinute: 60_000, searchesPerMinute: 60_000 } } as const;

let fake: FakeChatwoot;
let client: ChatwootClient;

beforeEach(async () => {
  fake = await startFakeChatwoot();
  client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
});
afterEach(async () => {
  await fake.close();
});

describe('contacts.search and iterateSearch', () => {
  it('walks every result page on has_more, since a search page’s count is its own size', async () => {
    fake.api.seed({ contacts: Array.from({ length: 32 }, (_, index) => ({ name: `Person ${index}` })) });
    const first = await client.contacts.search('person');
    expect(first.meta).toMatchObject({ count: 15, has_more: true });
    const names: string[] = [];
    for await (const contact of client.contacts.iterateSearch('person')) names.push(contact.name ?? '');
    expect(names).toHaveLength(32);
    expect(fake.api.requests({ path: '/search' }).map((request) => request.query.page)).toEqual([undefined, '1', '2', '3']);
  });

  it('refuses a blank query before any request', async () => {
    await expect(client.contacts.search('   ')).rejects.toBeInstanceOf(TypeError);
    await expect(client.contacts.iterateSearch('').next()).rejects.toBeInstanceOf(TypeError);
    expect(fake.api.requests()).toHaveLength(0);
  });

  it('finds contacts without email, phone or identifier, and matches identifiers case-sensitively', async () => {
    fake.api.seed({ contacts: [{ name: 'walk-in visitor' }, { name: 'Crm', identifier: 'CRM-1' }] });
    expect((await client.contacts.search('walk-in')).payload.map((contact) => contact.name)).toEqual(['walk-in visitor']);
    expect((await client.contacts.search('crm-1')).payload).toEqual([]);
    expect((await client.contacts.search('CRM-1')).payload.map((contact) => contact.name)).toEqual(['Crm']);
  });
});

describe('contacts.filter typing', () => {
  it('filters on company_name and other standard keys with their operators', async () => {
    fake.api.seed({
      contacts: [
        { name: 'Acme buyer', email: 'a@x.test', additional_attributes: { company_name: 'Acme' } },
        { name: 'Other', email: 'o@x.test', additional_attributes: { company_name: 'Initech' } },
      ],
    });
    const conditions: ContactFilterCondition[] = [
      { attribute_key: 'company_name', filter_operator: 'contains', values: ['acm'], query_operator: 'AND' },
      { attribute_key: 'blocked', filter_operator: 'equal_to', values: [false], query_operator: null },
    ];
    const found = await client.contacts.filter(conditions);
    expect(found.payload.map((contact) => contact.name)).toEqual(['Acme buyer']);
  });

  it('sorts on company_name (read from additional_attributes), nulls last', async () => {
    fake.api.seed({
      contacts: [
        { name: 'None', email: 'n@x.test' },
        { name: 'Zeta', email: 'z@x.test', additional_attributes: { company_name: 'Zeta' } },
        { name: 'Acme', email: 'a@x.test', additional_attributes: { company_name: 'Acme' } },
      ],
    });
    const ascending = await client.contacts.list({ sort: 'company_name' });
    expect(ascending.payload.map((contact) => contact.name)).toEqual(['Acme', 'Zeta', 'None']);
    const descending = await client.contacts.list({ sort: '-company_name' });
    expect(descending.payload.map((contact) => contact.name)).toEqual(['Zeta', 'Acme', 'None']);
  });
});

import { describe, expect, it } from 'vitest';
import { call, useStandInPerTest } from './support/api';

/**
 * `POST /contacts/filter` as Chatwoot's Contacts::FilterService, Filters::FilterHelper and lib/filters/filter_keys.yml
 * run it: one test per rule (README, "The contact filter").
 */
const standIn = useStandInPerTest();

type Condition = { attribute_key: string; filter_operator: string; values?: unknown; query_operator?: unknown };
const condition = (attribute_key: string, filter_operator: string, values: unknown, query_operator: unknown = null): Condition => ({
  attribute_key,
  filter_operator,
  values,
  query_operator,
});

async function filter(payload: unknown, query = '') {
  return call(standIn.fake, 'POST', `${standIn.base}/contacts/filter${query}`, { body: payload === undefined ? {} : { payload } });
}

/** The names of the contacts a filter finds (all pages' first page; tests stay under 15 contacts). */
async function names(payload: unknown): Promise<string[]> {
  const { status, body } = await filter(payload);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.payload.map((contact: { name: string }) => contact.name).sort();
}

function seedPeople() {
  return standIn.fake.api.seed({
    contacts: [
      { name: 'Ana Ortiz', email: 'ana@shop.test', phone_number: '+5215512345678', identifier: 'CUST-1', additional_attributes: { city: 'Mérida', company: 'Acme', country_code: 'MX' } },
      { name: 'Bo Li', email: 'bo@shop.test', phone_number: '+15550000002', identifier: 'cust-2', additional_attributes: { city: 'Boston', company_name: 'Acme' } },
      { name: 'Cy', email: 'cy@other.test', phone_number: null, identifier: null },
      { name: 'Di 100%', email: null, phone_number: '+4915110000004', identifier: null },
    ],
  }).contacts;
}

describe('contact filter: values and comparisons', () => {
  it('compares equal_to with the first value only: further values are ignored', async () => {
    seedPeople();
    expect(await names([condition('email', 'equal_to', ['ana@shop.test', 'bo@shop.test'])])).toEqual(['Ana Ortiz']);
    expect(await names([condition('email', 'equal_to', ['nobody@shop.test', 'bo@shop.test'])])).toEqual([]);
  });

  it('strips every + from a phone number and puts one in front', async () => {
    seedPeople();
    expect(await names([condition('phone_number', 'equal_to', ['5215512345678'])])).toEqual(['Ana Ortiz']);
    expect(await names([condition('phone_number', 'equal_to', ['++5215512345678'])])).toEqual(['Ana Ortiz']);
    expect(await names([condition('phone_number', 'equal_to', ['+52 1 55 1234 5678'])])).toEqual([]);
  });

  it('compares name, email and identifier case-insensitively (LOWER on both sides)', async () => {
    seedPeople();
    expect(await names([condition('name', 'equal_to', ['ANA ORTIZ'])])).toEqual(['Ana Ortiz']);
    expect(await names([condition('email', 'equal_to', ['Ana@Shop.TEST'])])).toEqual(['Ana Ortiz']);
    expect(await names([condition('identifier', 'equal_to', ['cust-1'])])).toEqual(['Ana Ortiz']);
    expect(await names([condition('identifier', 'equal_to', ['CUST-2'])])).toEqual(['Bo Li']);
  });

  it('never matches an empty attribute with not_equal_to (SQL NULL), and compares its first value only', async () => {
    seedPeople();
    expect(await names([condition('identifier', 'not_equal_to', ['cust-1', 'cust-2'])])).toEqual(['Bo Li']);
  });

  it('matches contains against any of the values, trimmed, case-insensitively, with % and _ as wildcards', async () => {
    seedPeople();
    expect(await names([condition('email', 'contains', ['  SHOP. ', 'zzz'])])).toEqual(['Ana Ortiz', 'Bo Li']);
    expect(await names([condition('name', 'contains', ['a o'])])).toEqual(['Ana Ortiz']);
    // Not escaped: `_` is any one character and `%` any run, so these match where the literal text does not.
    expect(await names([condition('name', 'contains', ['a_a'])])).toEqual(['Ana Ortiz']);
    expect(await names([condition('name', 'contains', ['b%l'])])).toEqual(['Bo Li']);
    expect(await names([condition('phone_number', 'contains', ['5512'])])).toEqual(['Ana Ortiz']);
  });

  it('keeps with does_not_contain the contacts matching none of the values, never an empty attribute', async () => {
    seedPeople();
    expect(await names([condition('email', 'does_not_contain', ['ana', 'bo@'])])).toEqual(['Cy']);
  });

  it('treats starts_with on phone_number as equality (Chatwoot has no starts_with branch)', async () => {
    seedPeople();
    expect(await names([condition('phone_number', 'starts_with', ['+52'])])).toEqual([]);
    expect(await names([condition('phone_number', 'starts_with', ['5215512345678'])])).toEqual(['Ana Ortiz']);
  });

  it('reads city, company_name and country_code from additional_attributes, case-insensitively', async () => {
    seedPeople();
    expect(await names([condition('city', 'equal_to', ['mérida'])])).toEqual(['Ana Ortiz']);
    expect(await names([condition('country_code', 'equal_to', ['mx'])])).toEqual(['Ana Ortiz']);
    // v4.15.1's filter key is `company_name` (the key Chatwoot's own forms store); `company` is no filter key.
    expect(await names([condition('company_name', 'equal_to', ['ACME'])])).toEqual(['Bo Li']);
    expect(await names([condition('company_name', 'contains', ['cm'])])).toEqual(['Bo Li']);
    const old = await filter([condition('company', 'equal_to', ['ACME'])]);
    expect(old.status).toBe(422);
    expect(old.body.error).toMatch(/^Invalid attribute key - \[company\]\./);
  });

  it('matches contains values holding `-` or `/` literally (a hyphenated name is no 500)', async () => {
    standIn.fake.api.seed({ contacts: [{ name: 'Walk-in / front desk', email: 'w@x.test' }, { name: 'Walkin', email: 'v@x.test' }] });
    expect(await names([condition('name', 'contains', ['walk-in /'])])).toEqual(['Walk-in / front desk']);
  });

  it('compares phone_number as stored, without LOWER() (its data_type is "text")', async () => {
    standIn.fake.api.seed({ contacts: [{ name: 'Odd', phone_number: '+1555ABC' }] });
    expect(await names([condition('phone_number', 'equal_to', ['+1555ABC'])])).toEqual(['Odd']);
    expect(await names([condition('phone_number', 'equal_to', ['+1555abc'])])).toEqual([]);
    // contains stays an ILIKE.
    expect(await names([condition('phone_number', 'contains', ['abc'])])).toEqual(['Odd']);
  });

  it('compares blocked as a boolean, and fails on a value PostgreSQL cannot read as one', async () => {
    seedPeople();
    expect(await names([condition('blocked', 'equal_to', [false])])).toHaveLength(4);
    expect(await names([condition('blocked', 'equal_to', ['TRUE'])])).toEqual([]);
    expect((await filter([condition('blocked', 'equal_to', ['maybe'])])).status).toBe(500);
  });

  it('compares created_at by day with is_greater_than / is_less_than', async () => {
    seedPeople();
    const today = new Date().toISOString().slice(0, 10);
    expect(await names([condition('created_at', 'is_less_than', [today])])).toEqual([]);
    expect(await names([condition('created_at', 'is_greater_than', ['2000-01-01'])])).toHaveLength(4);
  });

  it('finds no contact by label: the stand-in’s contacts have none', async () => {
    seedPeople();
    expect(await names([condition('labels', 'equal_to', ['vip'])])).toEqual([]);
    expect(await names([condition('labels', 'is_not_present', [])])).toHaveLength(4);
  });

  it('only ever returns resolved contacts (a non-empty email, phone number or identifier)', async () => {
    seedPeople();
    standIn.fake.api.seed({ contacts: [{ name: 'Visitor' }] });
    expect(await names([condition('name', 'equal_to', ['visitor'])])).toEqual([]);
    expect(await names([condition('name', 'not_equal_to', ['nobody'])])).toHaveLength(4);
  });
});

describe('contact filter: chaining', () => {
  it('binds AND tighter than OR, in the order the conditions come', async () => {
    seedPeople();
    // Cy OR (Ana AND Bo) → only Cy; (Cy OR Ana) AND … is not what SQL reads.
    const payload = [
      condition('name', 'equal_to', ['cy'], 'OR'),
      condition('name', 'equal_to', ['ana ortiz'], 'AND'),
      condition('name', 'equal_to', ['bo li']),
    ];
    expect(await names(payload)).toEqual(['Cy']);
  });

  it('accepts query operators in any case', async () => {
    seedPeople();
    expect(await names([condition('name', 'equal_to', ['cy'], 'or'), condition('name', 'equal_to', ['bo li'])])).toEqual(['Bo Li', 'Cy']);
  });

  it('fails with a 500 when the last condition has a query operator, or two conditions have none between them', async () => {
    seedPeople();
    expect(await filter([condition('email', 'equal_to', ['ana@shop.test'], 'AND')])).toMatchObject({
      status: 500,
      body: { status: 500, error: 'Internal Server Error' },
    });
    expect((await filter([condition('email', 'equal_to', ['ana@shop.test']), condition('name', 'equal_to', ['cy'])])).status).toBe(500);
  });

  it('returns every resolved contact for an empty payload, and a 500 for a missing or non-array one', async () => {
    seedPeople();
    expect(await names([])).toHaveLength(4);
    expect((await filter(undefined)).status).toBe(500);
    expect((await filter({ attribute_key: 'email' })).status).toBe(500);
  });
});

describe('contact filter: custom attributes', () => {
  function seedWithAttributes() {
    standIn.fake.api.seed({
      customAttributeDefinitions: [
        { attribute_key: 'plan', attribute_display_type: 'list' },
        { attribute_key: 'orders', attribute_display_type: 'number' },
        { attribute_key: 'score', attribute_display_type: 'number', attribute_model: 'conversation_attribute' },
      ],
      contacts: [
        { name: 'Gold', email: 'g@shop.test', custom_attributes: { plan: 'Gold', orders: 5, score: 1 } },
        { name: 'Silver', email: 's@shop.test', custom_attributes: { plan: 'silver', orders: '12.0' } },
        { name: 'Plain', email: 'p@shop.test', custom_attributes: { plan: '' } },
        { name: 'None', email: 'n@shop.test' },
      ],
    });
  }

  it('rejects a key that is neither a filter key nor a contact custom attribute of the account (422)', async () => {
    seedWithAttributes();
    const { status, body } = await filter([condition('score', 'equal_to', ['1'])]);
    expect(status).toBe(422);
    expect(body).toEqual({
      error:
        'Invalid attribute key - [score]. The key should be one of [name,phone_number,email,identifier,country_code,city,company_name,labels,created_at,last_activity_at,blocked] or a custom attribute defined in the account.',
    });
  });

  it('compares a text custom attribute case-insensitively and a number one as a number', async () => {
    seedWithAttributes();
    expect(await names([condition('plan', 'equal_to', ['GOLD'])])).toEqual(['Gold']);
    expect(await names([condition('orders', 'equal_to', ['12'])])).toEqual(['Silver']);
    expect(await names([condition('orders', 'is_greater_than', ['6'])])).toEqual(['Silver']);
  });

  it('counts an empty string as present (IS NOT NULL) and only a missing value as not present', async () => {
    seedWithAttributes();
    expect(await names([condition('plan', 'is_present', [])])).toEqual(['Gold', 'Plain', 'Silver']);
    expect(await names([condition('plan', 'is_not_present', [])])).toEqual(['None']);
  });

  it('adds "OR the attribute IS NULL" after not_equal_to, which only parses on the last condition', async () => {
    seedWithAttributes();
    expect(await names([condition('plan', 'not_equal_to', ['gold'])])).toEqual(['None', 'Plain', 'Silver']);
    // `email = g… AND plan != 'gold' OR plan IS NULL`: the OR escapes the AND.
    expect(await names([condition('email', 'equal_to', ['g@shop.test'], 'AND'), condition('plan', 'not_equal_to', ['gold'])])).toEqual(['None']);
    // `plan != 'gold' AND OR plan IS NULL …`: a syntax error.
    expect((await filter([condition('plan', 'not_equal_to', ['gold'], 'AND'), condition('name', 'equal_to', ['none'])])).status).toBe(500);
  });
});

describe('contact filter: errors', () => {
  it('checks every query operator first: 422 with Chatwoot’s message, before any other problem', async () => {
    const { status, body } = await filter([condition('nope', 'equal_to', ['x'], 'AND'), condition('email', 'equal_to', ['x'], 'XOR')]);
    expect(status).toBe(422);
    expect(body).toEqual({ error: 'Query operator must be either "AND" or "OR".' });
  });

  it('rejects an operator a standard key does not allow, listing the allowed ones (422)', async () => {
    expect(await filter([condition('identifier', 'contains', ['cust'])])).toMatchObject({
      status: 422,
      body: { error: 'Invalid operator. The allowed operators for identifier are [equal_to,not_equal_to].' },
    });
    expect(await filter([condition('email', 'is_present', [])])).toMatchObject({
      status: 422,
      body: { error: 'Invalid operator. The allowed operators for email are [equal_to,not_equal_to,contains,does_not_contain].' },
    });
  });

  it('rejects blank values (missing, empty array, empty string) with 422', async () => {
    for (const values of [undefined, [], '  ']) {
      expect(await filter([condition('email', 'equal_to', values)])).toMatchObject({
        status: 422,
        body: { error: 'Invalid value. The values provided for email are invalid' },
      });
    }
  });

  it('fails with a 500 where PostgreSQL cannot compare: a number against a text column', async () => {
    seedPeople();
    expect((await filter([condition('email', 'equal_to', [42])])).status).toBe(500);
    expect((await filter([condition('phone_number', 'equal_to', [5215512345678])])).status).toBe(500);
  });
});

describe('contact filter: answer and pages', () => {
  it('answers { meta: { count, current_page }, payload } with the total count, 15 a page, the page as sent', async () => {
    standIn.fake.api.seed({
      contacts: Array.from({ length: 20 }, (_, index) => ({ name: `P${index}`, email: `p${index}@shop.test` })),
    });
    const payload = [condition('email', 'contains', ['@shop.test'])];
    const first = await filter(payload);
    expect(first.body.meta).toEqual({ count: 20, current_page: 1 });
    expect(first.body.payload).toHaveLength(15);
    const second = await filter(payload, '?page=2');
    // `params[:page]` goes back untouched: a query-string page is a string.
    expect(second.body.meta).toEqual({ count: 20, current_page: '2' });
    expect(second.body.payload).toHaveLength(5);
    const sorted = await filter(payload, '?sort=-email');
    expect(sorted.body.payload[0].email).toBe('p9@shop.test');
  });
});

/**
 * Contract tests: every request the client sends (method, path, query, body) must match an operation of Chatwoot's
 * own OpenAPI file (Chatwoot v4.15.1, `swagger/swagger.json`), kept in the repository as a compact fixture:
 * `fixtures/chatwoot-openapi.json`, written by `scripts/extract-chatwoot-openapi.mjs` (regenerate with the command in
 * that script's header; `contract-fixture.test.ts` checks the fixture is what the script writes). Where the spec and
 * Chatwoot's code disagree, the code wins; each such override is listed in CODE_OVERRIDES with the route or
 * controller it follows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatwootClient } from '../src/index';

type Schema = Record<string, any>;
const swagger = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/chatwoot-openapi.json', import.meta.url)), 'utf8'),
) as { paths: Record<string, Record<string, any>>; components: Record<string, Record<string, Schema>> };

// ---- a small JSON Schema (OpenAPI 3.1 subset) validator -------------------------------------------------------

function resolveRef(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; current?.$ref && depth < 20; depth++) {
    const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(current.$ref) ?? [];
    current = swagger.components[section!]?.[name!] ?? {};
  }
  return current;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Collects problems of `value` against `schema`. Undeclared object properties are problems too (catches typos). */
function validate(raw: Schema, value: unknown, at: string, problems: string[], extras: string[] = []): void {
  const schema = resolveRef(raw);
  if (schema.allOf) for (const part of schema.allOf) validate(part, value, at, problems, extras);
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (schema[key] && !schema[key].some((part: Schema) => check(part, value).length === 0)) {
      problems.push(`${at}: matches none of ${key}`);
    }
  }
  if (value === null && schema.nullable) return;
  if (schema.type !== undefined) {
    const allowed: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) return void problems.push(`${at}: ${actual} is not ${allowed.join('|')}`);
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) problems.push(`${at}.${name}: required`);
    const properties: Record<string, Schema> = schema.properties ?? {};
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) validate(properties[name], item, `${at}.${name}`, problems);
      else if (typeof schema.additionalProperties === 'object') validate(schema.additionalProperties, item, `${at}.${name}`, problems);
      else if (schema.properties && schema.additionalProperties !== true && !extras.includes(name)) {
        problems.push(`${at}.${name}: not declared`);
      }
    }
  }
  if (typeOf(value) === 'array' && schema.items) {
    (value as unknown[]).forEach((item, index) => validate(schema.items, item, `${at}[${index}]`, problems));
  }
}

function check(schema: Schema, value: unknown): string[] {
  const problems: string[] = [];
  validate(schema, value, '$', problems);
  return problems;
}

// ---- where Chatwoot's code wins over its spec ------------------------------------------------------------------

interface Override {
  why: string;
  /** Use this swagger method's operation for the request's method. */
  sameAs?: string;
  /** Drop these from the body schema's `required`. */
  optional?: string[];
  /** Body properties Chatwoot's code reads that the spec does not declare. */
  extras?: string[];
  /** Adjust the body schema. */
  patch?: (schema: Schema) => void;
}

// Each checked against Chatwoot v4.15.1's source.
const CODE_OVERRIDES: Record<string, Override> = {
  'PATCH /api/v1/accounts/{account_id}/contacts/{id}': {
    why: 'config/routes.rb declares `resources :contacts, only: [..., :update, ...]`, which Rails routes for PATCH and PUT; the spec lists only PUT.',
    sameAs: 'put',
  },
  'POST /api/v1/accounts/{account_id}/contacts': {
    why: 'app/controllers/api/v1/accounts/contacts_controller.rb (`build_contact_inbox`) skips the contact inbox when inbox_id is blank; the spec marks inbox_id required.',
    optional: ['inbox_id'],
  },
  'POST /api/v1/accounts/{account_id}/conversations': {
    why: 'app/controllers/api/v1/accounts/conversations_controller.rb (`contact_inbox`) builds the contact inbox from inbox_id + contact_id and looks source_id up only as a fallback; the spec marks source_id required.',
    optional: ['source_id'],
  },
  'POST /api/v1/accounts/{account_id}/contacts/filter': {
    why: 'app/helpers/filters/filter_helper.rb (`validate_single_condition`) accepts a null query_operator, which ends the chain (the spec’s own example does it); the spec types it as a string enum.',
    patch: (schema) => {
      const operator = schema.properties.payload.items.properties.query_operator;
      operator.type = ['string', 'null'];
      operator.enum = ['AND', 'OR', null];
    },
  },
  'POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages': {
    why: 'app/builders/messages/message_builder.rb (`message_params`) passes echo_id to the message, and app/views/api/v1/models/_message.json.jbuilder echoes it back; the spec omits it.',
    extras: ['echo_id'],
  },
  'POST /api/v1/accounts/{account_id}/webhooks': {
    why: 'app/models/webhook.rb (`ALLOWED_WEBHOOK_EVENTS`) accepts inbox_created and inbox_updated; the spec’s subscription enum lacks them.',
    patch: (schema) => schema.properties.subscriptions.items.enum.push('inbox_created', 'inbox_updated'),
  },
  'PATCH /api/v1/accounts/{account_id}/webhooks/{webhook_id}': {
    why: 'Same validation as webhook create (app/models/webhook.rb, `validate_webhook_subscriptions`).',
    patch: (schema) => schema.properties.subscriptions.items.enum.push('inbox_created', 'inbox_updated'),
  },
};

// ---- matching a logged request to its operation ---------------------------------------------------------------

interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  auth?: string;
}

const TEMPLATES = Object.keys(swagger.paths)
  .filter((template) => template.startsWith('/api/v1/'))
  .map((template) => ({
    template,
    literal: template.split('/').filter((part) => part && !part.startsWith('{')).length,
    names: [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!),
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
  }));

/** Returns the problems of one request against the spec (empty = conforms) and the operation key. */
function checkRequest(request: LoggedRequest, overrides: Record<string, Override> = CODE_OVERRIDES): { operation: string; problems: string[] } {
  const candidates = TEMPLATES.filter((entry) => entry.pattern.test(request.path)).sort((a, b) => b.literal - a.literal);
  const match = candidates.find((entry) => swagger.paths[entry.template]![request.method.toLowerCase()] || overrides[`${request.method} ${entry.template}`]);
  if (!match) return { operation: `${request.method} ${request.path}`, problems: ['no operation in the spec'] };
  const operation = `${request.method} ${match.template}`;
  const override = overrides[operation];
  const item = swagger.paths[match.template]!;
  const op = item[override?.sameAs ?? request.method.toLowerCase()];
  if (!op) return { operation, problems: ['method not in the spec'] };
  const problems: string[] = [];

  const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolveRef);
  const values = match.pattern.exec(request.path)!.slice(1);
  match.names.forEach((name, index) => {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    if (!parameter) problems.push(`path parameter ${name} not declared`);
    else problems.push(...check(parameter.schema ?? {}, coerce(parameter.schema, values[index]!)).map((p) => `path ${name} ${p}`));
  });
  for (const [name, value] of Object.entries(request.query)) {
    const parameter = parameters.find((p) => p.in === 'query' && p.name === name);
    if (!parameter) {
      problems.push(`query ${name}: not declared`);
      continue;
    }
    problems.push(...check(parameter.schema ?? {}, coerce(parameter.schema, value)).map((p) => `query ${name} ${p}`));
  }
  for (const parameter of parameters) {
    if (parameter.in === 'query' && parameter.required && !(parameter.name in request.query)) problems.push(`query ${parameter.name}: required`);
  }

  const bodySpec = op.requestBody?.content?.['application/json']?.schema;
  if (request.body === undefined) {
    if (op.requestBody?.required) problems.push('body: required');
  } else if (!bodySpec) {
    problems.push('body: the operation takes none');
  } else {
    const schema = structuredClone(resolveRef(bodySpec));
    if (override?.optional) schema.required = (schema.required ?? []).filter((name: string) => !override.optional!.includes(name));
    override?.patch?.(schema);
    validate(schema, request.body, 'body', problems, override?.extras);
  }
  if (request.auth === 'none') problems.push('api-access-token header missing');
  return { operation, problems };
}

/** Query strings carry text: read numbers and arrays the way Rails would before checking them. */
function coerce(schema: Schema | undefined, value: string | string[]): unknown {
  const resolved = resolveRef(schema ?? {});
  const types: string[] = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (types.includes('array')) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value;
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

// ---- the tests -----------------------------------------------------------------------------------------------

describe('contract: the validator itself', () => {
  it('accepts a conforming request and names what is wrong in a bad one', () => {
    expect(checkRequest({ method: 'GET', path: '/api/v1/accounts/1/contacts', query: { page: '2', sort: '-name' }, body: undefined }).problems).toEqual([]);
    expect(checkRequest({ method: 'GET', path: '/api/v1/accounts/1/contacts', query: { pagee: '2' }, body: undefined }).problems).toEqual(['query pagee: not declared']);
    expect(checkRequest({ method: 'GET', path: '/api/v1/accounts/1/contacts', query: { sort: 'age' }, body: undefined }).problems[0]).toMatch(/query sort .* not in/);
    expect(checkRequest({ method: 'POST', path: '/api/v1/accounts/1/conversations/3/labels', query: {}, body: { labels: 'vip' } }).problems).toEqual(['body.labels: string is not array']);
    expect(checkRequest({ method: 'POST', path: '/api/v1/accounts/1/conversations/3/toggle_status', query: {}, body: { status: 'closed' } }).problems[0]).toMatch(/not in/);
    expect(checkRequest({ method: 'POST', path: '/api/v1/accounts/1/contacts', query: {}, body: { emial: 'a@b.c' } }).problems).toEqual(['body.emial: not declared']);
    expect(checkRequest({ method: 'POST', path: '/api/v1/accounts/1/conversations/3/messages', query: {}, body: { content: 'x', template_params: { name: 't' } } }).problems.length).toBeGreaterThan(0);
    expect(checkRequest({ method: 'GET', path: '/api/v1/accounts/x/contacts', query: {}, body: undefined }).problems[0]).toMatch(/path account_id/);
    expect(checkRequest({ method: 'GET', path: '/api/v1/nowhere', query: {}, body: undefined }).problems).toEqual(['no operation in the spec']);
  });

  it('prefers the literal path over a template (contacts/search is not contacts/{id})', () => {
    expect(checkRequest({ method: 'GET', path: '/api/v1/accounts/1/contacts/search', query: { q: 'a' }, body: undefined }).operation).toBe(
      'GET /api/v1/accounts/{account_id}/contacts/search',
    );
  });
});

describe('contract: every request the client sends matches Chatwoot\'s spec (code overrides listed)', () => {
  let fake: FakeChatwoot;
  beforeAll(async () => {
    fake = await startFakeChatwoot();
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, rateLimit: false });
    const { inboxes } = fake.api.seed({
      inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp' }, { name: 'API' }],
      teams: [{ id: 3, name: 'Billing' }],
    });
    const [whatsapp, api] = inboxes;
    await client.profile.get();
    const { contact } = await client.contacts.create({
      name: 'Ana',
      email: 'ana@example.com',
      phone_number: '+5215512345678',
      identifier: 'crm-1',
      avatar_url: 'https://example.com/a.png',
      additional_attributes: { city: 'CDMX' },
      custom_attributes: { plan: 'pro' },
      inbox_id: whatsapp!.id,
    });
    await client.contacts.create({ name: 'No inbox', email: 'b@example.com' });
    await client.contacts.get(contact.id);
    await client.contacts.update(contact.id, { name: 'Ana M', custom_attributes: { seats: 2 }, blocked: false });
    await client.contacts.list({ page: 1, sort: '-last_activity_at' });
    for await (const _ of client.contacts.iterate({ sort: 'name' })) void _;
    await client.contacts.search('+52155', { page: 1 });
    await client.contacts.filter(
      [
        { attribute_key: 'phone_number', filter_operator: 'equal_to', values: ['+5215512345678'], query_operator: 'OR' },
        { attribute_key: 'email', filter_operator: 'equal_to', values: ['ana@example.com'], query_operator: null },
      ],
      { page: 1 },
    );
    await client.contacts.createContactInbox(contact.id, { inbox_id: api!.id, source_id: 'crm-ana' });
    await client.contacts.createContactInbox(contact.id, { inbox_id: api!.id });
    const template_params = { name: 'reminder', category: 'UTILITY', language: 'es_MX', processed_params: { body: { '1': 'Ana' } } };
    const conversation = await client.conversations.create({
      inbox_id: whatsapp!.id,
      contact_id: contact.id,
      status: 'open',
      assignee_id: 1,
      team_id: 3,
      custom_attributes: { order: 'A1' },
      additional_attributes: { source: 'crm' },
      message: { content: 'Hola Ana', template_params },
    });
    await client.conversations.create({ inbox_id: api!.id, contact_id: contact.id, source_id: 'crm-ana' });
    await client.contacts.conversations(contact.id);
    await client.conversations.get(conversation.id);
    await client.conversations.list({ status: 'all', assignee_type: 'unassigned', inbox_id: whatsapp!.id, team_id: 3, labels: ['vip'], q: 'hola', page: 1 });
    for await (const _ of client.conversations.iterate({ status: 'open' })) void _;
    await client.conversations.toggleStatus(conversation.id, 'snoozed', { snoozedUntil: 2_000_000_000 });
    await client.conversations.toggleStatus(conversation.id, 'open');
    await client.conversations.assign(conversation.id, { assignee_id: 2 });
    await client.conversations.assign(conversation.id, { team_id: 3 });
    await client.conversations.setLabels(conversation.id, ['vip', 'late']);
    await client.conversations.setCustomAttributes(conversation.id, { order: 'B2' });
    await client.messages.create(conversation.id, {
      content: 'Recordatorio',
      template_params,
      echo_id: 'e-1',
      private: false,
      content_type: 'text',
      content_attributes: {},
    });
    await client.messages.create(conversation.id, { content: 'note', private: true });
    const page = await client.messages.list(conversation.id);
    await client.messages.list(conversation.id, { before: page.payload.at(-1)!.id });
    for await (const _ of client.messages.iterate(conversation.id)) void _;
    await client.inboxes.list();
    await client.inboxes.get(whatsapp!.id);
    await client.agents.list();
    const webhook = await client.webhooks.create({ url: 'http://127.0.0.1:9/hook', name: 'crm', subscriptions: ['message_created', 'inbox_created'] });
    await client.webhooks.list();
    await client.webhooks.update(webhook.id, { subscriptions: ['contact_created', 'inbox_updated'] });
    await client.webhooks.delete(webhook.id);
  });
  afterAll(async () => {
    await fake.close();
  });

  it('sends nothing the spec (as corrected by Chatwoot\'s code) would reject, and every call succeeded', () => {
    const requests = fake.api.requests();
    expect(requests.length).toBeGreaterThan(30);
    const failures = requests
      .map((request) => ({ request: `${request.method} ${request.path}`, ...checkRequest(request) }))
      .filter((result) => result.problems.length > 0);
    expect(failures).toEqual([]);
    expect(requests.filter((request) => request.status >= 400)).toEqual([]);
  });

  it('covers every operation the client implements', () => {
    const covered = new Set(fake.api.requests().map((request) => checkRequest(request).operation));
    const account = '/api/v1/accounts/{account_id}';
    expect([...covered].sort()).toEqual(
      [
        'GET /api/v1/profile',
        `GET ${account}/contacts`,
        `POST ${account}/contacts`,
        `GET ${account}/contacts/search`,
        `POST ${account}/contacts/filter`,
        `GET ${account}/contacts/{id}`,
        `PATCH ${account}/contacts/{id}`,
        `GET ${account}/contacts/{id}/conversations`,
        `POST ${account}/contacts/{id}/contact_inboxes`,
        `GET ${account}/conversations`,
        `POST ${account}/conversations`,
        `GET ${account}/conversations/{conversation_id}`,
        `POST ${account}/conversations/{conversation_id}/toggle_status`,
        `POST ${account}/conversations/{conversation_id}/assignments`,
        `POST ${account}/conversations/{conversation_id}/labels`,
        `POST ${account}/conversations/{conversation_id}/custom_attributes`,
        `GET ${account}/conversations/{conversation_id}/messages`,
        `POST ${account}/conversations/{conversation_id}/messages`,
        `GET ${account}/inboxes`,
        `GET ${account}/inboxes/{id}`,
        `GET ${account}/agents`,
        `GET ${account}/webhooks`,
        `POST ${account}/webhooks`,
        `PATCH ${account}/webhooks/{webhook_id}`,
        `DELETE ${account}/webhooks/{webhook_id}`,
      ].sort(),
    );
  });

  it('uses every code override, so none is stale', () => {
    const covered = new Set(fake.api.requests().map((request) => checkRequest(request).operation));
    for (const operation of Object.keys(CODE_OVERRIDES)) expect(covered).toContain(operation);
  });

  it('needs every code override: without it some request the client sends breaks the spec', () => {
    const unneeded = Object.keys(CODE_OVERRIDES).filter((operation) => {
      const { [operation]: _dropped, ...others } = CODE_OVERRIDES;
      return fake.api.requests().every((request) => checkRequest(request, others).problems.length === 0);
    });
    expect(unneeded, 'the spec now allows what these overrides correct: drop them').toEqual([]);
  });
});

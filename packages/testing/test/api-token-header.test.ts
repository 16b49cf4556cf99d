import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '../src/index';

// Chatwoot v4.15.1, app/controllers/concerns/access_token_auth_helper.rb reads HTTP_API_ACCESS_TOKEN, which Rack/Puma
// fill from `api-access-token` and `api_access_token` alike.
describe('the stand-in reads the API token as Rails does', () => {
  let fake: FakeChatwoot;
  beforeEach(async () => {
    fake = await startFakeChatwoot();
  });
  afterEach(() => fake.close());

  const profile = (headers: Record<string, string>) =>
    fetch(`${fake.url}/api/v1/profile`, { headers, signal: AbortSignal.timeout(5000) }).then((response) => response.status);

  it('accepts both spellings, and the hyphenated one wins when both are sent (Puma drops the other)', async () => {
    const token = fake.api.tokens.admin;
    expect(await profile({ 'api-access-token': token })).toBe(200);
    expect(await profile({ api_access_token: token })).toBe(200);
    expect(await profile({ 'Api-Access-Token': token })).toBe(200);
    expect(await profile({ 'api-access-token': token, api_access_token: 'wrong' })).toBe(200);
    expect(await profile({ 'api-access-token': 'wrong', api_access_token: token })).toBe(401);
    expect(fake.api.requests({ path: '/profile' }).map((request) => request.auth)).toEqual(['admin', 'admin', 'admin', 'admin', 'invalid']);
  });
});

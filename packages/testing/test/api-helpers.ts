import type { FakeChatwoot } from '../src/index';

/** A raw call to the stand-in's REST API: what a client sends, without any client in between. */
export async function call(
  fake: FakeChatwoot,
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null } = {},
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = options.token === undefined ? fake.api.tokens.admin : options.token;
  if (token !== null) headers.api_access_token = token;
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // text/plain answers (429) stay text.
  }
  return { status: response.status, body, text, headers: response.headers };
}

/** `/api/v1/accounts/<id>` of the stand-in's default account. */
export const accountPath = (fake: FakeChatwoot) => `/api/v1/accounts/${fake.api.accountId}`;

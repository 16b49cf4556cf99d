import { afterEach, beforeEach } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot, type FakeChatwootOptions } from '../../src/index';

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

export interface StandInPerTest {
  /** The current test's stand-in. */
  readonly fake: FakeChatwoot;
  /** Its default account's path, `/api/v1/accounts/<id>`. */
  readonly base: string;
  /** Closes the current stand-in and starts another with `options` (for the rest of this test). */
  restart(options: FakeChatwootOptions): Promise<void>;
}

/** Registers hooks that start a fresh stand-in before each test and close it after, so no test sees another's data. */
export function useStandInPerTest(): StandInPerTest {
  let fake: FakeChatwoot | undefined;
  beforeEach(async () => {
    fake = await startFakeChatwoot();
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const standIn: StandInPerTest = {
    get fake() {
      if (!fake) throw new Error('the stand-in runs only inside a test');
      return fake;
    },
    get base() {
      return accountPath(standIn.fake);
    },
    async restart(options) {
      await fake?.close();
      fake = await startFakeChatwoot(options);
    },
  };
  return standIn;
}

/**
 * The visitor's `identifier_hash` for Chatwoot's identity validation, computed on the Edge runtime with
 * `identifierHashAsync` (Web Crypto). The inbox's HMAC token stays on the server; only the hash goes to the browser.
 * A real app takes the identifier from its own session, never from the query string: this example has no login.
 */
import { identifierHashAsync } from '@wootkit/server/webhooks';

export const runtime = 'edge';

const DEMO_IDENTIFIER = 'next-visitor-1';

export async function GET(): Promise<Response> {
  const token = process.env.CHATWOOT_HMAC_TOKEN;
  if (!token) return Response.json({ error: 'CHATWOOT_HMAC_TOKEN is not set' }, { status: 500 });
  return Response.json({ identifier: DEMO_IDENTIFIER, identifier_hash: await identifierHashAsync(DEMO_IDENTIFIER, token) });
}

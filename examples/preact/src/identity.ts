import type { ChatwootUserInput } from '@wootkit/hooks/preact';

/**
 * Signs the demo visitor in. In a real app this is your session; the `identifier_hash` is computed by your server
 * (`identifierHash()` from `@wootkit/server`) because the inbox's HMAC token must never reach the browser.
 */
export async function fetchChatwootIdentity(): Promise<ChatwootUserInput> {
  const response = await fetch('/api/chatwoot-identity');
  if (!response.ok) throw new Error(`identity endpoint answered ${response.status}`);
  return (await response.json()) as ChatwootUserInput;
}

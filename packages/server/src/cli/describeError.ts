import { ChatwootApiError } from '../errors/ChatwootApiError';
import { ChatwootError } from '../errors/ChatwootError';
import { ChatwootNetworkError } from '../errors/ChatwootNetworkError';
import { ChatwootTimeoutError } from '../errors/ChatwootTimeoutError';
import { CliError } from './CliError';

/** A base URL fit to print: no user:password part, no query. */
export function safeUrl(url: string | undefined): string {
  if (!url) return '(no URL)';
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/$/, '')}`;
  } catch {
    return '(an invalid URL)';
  }
}

/** What to do about a token Chatwoot refused; the one hint every command gives. */
export const TOKEN_HINT =
  "set CHATWOOT_API_ACCESS_TOKEN to the access token of a user of the account (Profile settings → Access token), an administrator's for `webhooks ensure` and doctor's webhook checks; agent-bot tokens cannot read the profile or contacts.";

/** One line that says what went wrong and what to do. Our errors hold no secrets; unknown ones are reduced to their name. */
export function describeError(error: unknown, baseUrl?: string): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof ChatwootNetworkError) {
    return `Could not reach Chatwoot at ${safeUrl(baseUrl)}: check CHATWOOT_BASE_URL and that Chatwoot is running.`;
  }
  if (error instanceof ChatwootTimeoutError) {
    return `Chatwoot at ${safeUrl(baseUrl)} did not answer within ${error.timeoutMs} ms: check that it is up, or raise --timeout-ms.`;
  }
  if (error instanceof ChatwootApiError) {
    if (error.status === 401) {
      return `Chatwoot refused the request (401: ${error.apiMessage}): ${TOKEN_HINT}`;
    }
    if (error.status === 404) {
      return `${error.message}: check CHATWOOT_ACCOUNT_ID and the ids you passed.`;
    }
    return error.message;
  }
  if (error instanceof ChatwootError) return error.message;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')) {
    return `${error.message.split('\n')[0]!.replace(/\.?$/, '.')} Run \`wootkit --help\` for usage.`;
  }
  return `Unexpected ${error instanceof Error ? error.name : 'error'}: ${error instanceof Error ? error.message : String(error)}`;
}

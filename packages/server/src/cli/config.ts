import { createChatwootClient, type ChatwootClient } from '../client/createChatwootClient';
import { CliError } from './CliError';
import type { CliIo } from './io';

/** Options every command that talks to Chatwoot accepts (secrets come from the environment only). */
export const CONNECTION_OPTIONS = {
  'base-url': { type: 'string' },
  'account-id': { type: 'string' },
  'inbox-id': { type: 'string' },
  'website-token': { type: 'string' },
  'timeout-ms': { type: 'string' },
} as const;

/** The resolved configuration. Secrets stay in this object and are never printed. */
export interface CliConfig {
  baseUrl?: string;
  apiAccessToken?: string;
  accountId?: number;
  inboxId?: number;
  websiteToken?: string;
  webhookSecret?: string;
  hmacToken?: string;
  timeoutMs: number;
}

type Flags = Partial<Record<keyof typeof CONNECTION_OPTIONS, string | undefined>>;

/** Flags win over `CHATWOOT_*` variables. */
export function readConfig(flags: Flags, env: CliIo['env']): CliConfig {
  const pick = (flag: string | undefined, name: string) => {
    const value = flag ?? env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const config: CliConfig = { timeoutMs: positiveInteger(flags['timeout-ms'] ?? '10000', '--timeout-ms') };
  const baseUrl = pick(flags['base-url'], 'CHATWOOT_BASE_URL');
  if (baseUrl !== undefined) {
    if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
      throw new CliError("The Chatwoot base URL must start with http:// or https://: fix --base-url or CHATWOOT_BASE_URL.", 2);
    }
    config.baseUrl = baseUrl.replace(/\/+$/, '');
  }
  const accountId = pick(flags['account-id'], 'CHATWOOT_ACCOUNT_ID');
  if (accountId !== undefined) config.accountId = positiveInteger(accountId, '--account-id / CHATWOOT_ACCOUNT_ID');
  const inboxId = pick(flags['inbox-id'], 'CHATWOOT_INBOX_ID');
  if (inboxId !== undefined) config.inboxId = positiveInteger(inboxId, '--inbox-id / CHATWOOT_INBOX_ID');
  const websiteToken = pick(flags['website-token'], 'CHATWOOT_WEBSITE_TOKEN');
  if (websiteToken !== undefined) config.websiteToken = websiteToken;
  const token = pick(undefined, 'CHATWOOT_API_ACCESS_TOKEN');
  if (token !== undefined) config.apiAccessToken = token;
  const secret = pick(undefined, 'CHATWOOT_WEBHOOK_SECRET');
  if (secret !== undefined) config.webhookSecret = secret;
  const hmac = pick(undefined, 'CHATWOOT_HMAC_TOKEN');
  if (hmac !== undefined) config.hmacToken = hmac;
  return config;
}

export function positiveInteger(value: string, name: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new CliError(`${name} must be a positive integer (got "${value}").`, 2);
  }
  return parsed;
}

/** The settings needed to call the API, or a one-line error naming each missing one. */
export function requireApi(config: CliConfig): Required<Pick<CliConfig, 'baseUrl' | 'apiAccessToken' | 'accountId'>> {
  const missing = [
    config.baseUrl === undefined ? '--base-url or CHATWOOT_BASE_URL' : null,
    config.apiAccessToken === undefined ? 'CHATWOOT_API_ACCESS_TOKEN' : null,
    config.accountId === undefined ? '--account-id or CHATWOOT_ACCOUNT_ID' : null,
  ].filter((item): item is string => item !== null);
  if (missing.length > 0) throw new CliError(`Missing configuration: set ${missing.join(', ')}.`, 2);
  return { baseUrl: config.baseUrl!, apiAccessToken: config.apiAccessToken!, accountId: config.accountId! };
}

/** A client with CLI-friendly retries (few, short) and the configured timeout. */
export function cliClient(config: CliConfig): ChatwootClient {
  const api = requireApi(config);
  return createChatwootClient({
    ...api,
    timeoutMs: config.timeoutMs,
    retry: { limit: 2, baseDelayMs: 200, maxDelayMs: 1000, maxElapsedMs: config.timeoutMs * 2 },
  });
}

/**
 * Reads the demo's configuration from the environment. With every `CHATWOOT_*` variable set the demo talks to that
 * Chatwoot; with none set it starts the in-memory stand-in. Half a configuration is refused (with the names of what
 * is missing, never a value), so a typo never silently falls back to the stand-in.
 */

/** Everything the demo needs to know about a Chatwoot installation. The last three never reach the browser. */
export interface ChatwootConnection {
  baseUrl: string;
  accountId: number;
  /** The website inbox the widget belongs to (round robin only assigns its conversations). */
  inboxId: number;
  websiteToken: string;
  /** An administrator's (or agent's) API access token. Server only. */
  apiAccessToken: string;
  /** The website inbox's identity-validation HMAC token. Server only. */
  hmacToken: string;
  /** The account webhook's signing secret. Server only. */
  webhookSecret: string;
  /** The website inbox's widget colour (public); read from the inbox through the API when not given. */
  widgetColor?: string;
}

export type DemoConfig =
  | { mode: 'stand-in'; port: number; standInPort: number }
  | { mode: 'chatwoot'; port: number; publicUrl: string; chatwoot: ChatwootConnection };

/** Fixed defaults so the printed URL is the same every run; `0` picks a free port (the tests do). */
export const DEFAULT_DEMO_PORT = 5280;
export const DEFAULT_STAND_IN_PORT = 5281;

/** The variables that point the demo at a real Chatwoot, in the order the README lists them. */
export const CHATWOOT_ENV = [
  'CHATWOOT_BASE_URL',
  'CHATWOOT_API_ACCESS_TOKEN',
  'CHATWOOT_ACCOUNT_ID',
  'CHATWOOT_INBOX_ID',
  'CHATWOOT_WEBSITE_TOKEN',
  'CHATWOOT_HMAC_TOKEN',
  'CHATWOOT_WEBHOOK_SECRET',
  'DEMO_PUBLIC_URL',
] as const;

/** A configuration mistake, said in a way that tells the user what to change. */
export class DemoConfigError extends Error {
  override readonly name = 'DemoConfigError';
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new DemoConfigError(`${name} must be a port number (0-65535), got "${text}"`);
  }
  return port;
}

function readId(env: NodeJS.ProcessEnv, name: string): number {
  const id = Number(env[name]);
  if (!Number.isInteger(id) || id <= 0) throw new DemoConfigError(`${name} must be a positive integer`);
  return id;
}

function readHttpUrl(env: NodeJS.ProcessEnv, name: string): string {
  const text = env[name] ?? '';
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new DemoConfigError(`${name} must be an http(s) URL`);
}

export function readDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const port = readPort(env, 'DEMO_PORT', DEFAULT_DEMO_PORT);
  const present = CHATWOOT_ENV.filter((name) => (env[name] ?? '') !== '');
  if (present.length === 0) {
    return { mode: 'stand-in', port, standInPort: readPort(env, 'CHATWOOT_STAND_IN_PORT', DEFAULT_STAND_IN_PORT) };
  }
  const missing = CHATWOOT_ENV.filter((name) => !present.includes(name));
  if (missing.length > 0) {
    throw new DemoConfigError(
      `To use a real Chatwoot set all of ${CHATWOOT_ENV.join(', ')}; missing: ${missing.join(', ')}. ` +
        'Unset them all to run on the built-in stand-in.',
    );
  }
  return {
    mode: 'chatwoot',
    port,
    publicUrl: readHttpUrl(env, 'DEMO_PUBLIC_URL'),
    chatwoot: {
      baseUrl: readHttpUrl(env, 'CHATWOOT_BASE_URL'),
      accountId: readId(env, 'CHATWOOT_ACCOUNT_ID'),
      inboxId: readId(env, 'CHATWOOT_INBOX_ID'),
      websiteToken: env.CHATWOOT_WEBSITE_TOKEN!,
      apiAccessToken: env.CHATWOOT_API_ACCESS_TOKEN!,
      hmacToken: env.CHATWOOT_HMAC_TOKEN!,
      webhookSecret: env.CHATWOOT_WEBHOOK_SECRET!,
    },
  };
}

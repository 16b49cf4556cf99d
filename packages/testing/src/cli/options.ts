import { parseArgs } from 'node:util';
import type { FakeApiEvent } from '../api/types';
import { StandInCliError } from './StandInCliError';

/** The events the stand-in emits (and so delivers), the default subscriptions of `--webhook-url`. */
export const STAND_IN_EVENTS: ReadonlyArray<FakeApiEvent['event']> = [
  'contact_created',
  'contact_updated',
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'message_created',
];

export const DEFAULT_PORT = 3000;
export const DEFAULT_WEBSITE_TOKEN = 'standin-website-token';

export const USAGE = `wootkit-standin — a local Chatwoot stand-in for developing a host app

Usage:
  wootkit-standin [--port 3000] [--host 127.0.0.1] [--website-token <token>]
                  [--webhook-url <url> [--webhook-events <list>]] [--json]

Starts @wootkit/testing's in-memory Chatwoot (REST API, webhooks, widget sdk.js and page), seeds an account with an
administrator, an agent, an agent bot, a website inbox with identity validation and an API inbox, and prints what a
host app needs (as CHATWOOT_* variables, the names the \`wootkit\` CLI reads). Data lives in memory until it stops.

Options:
  --port <n>               port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <host>            127.0.0.1 (default) or localhost: the stand-in never listens beyond this machine
  --website-token <token>  the website inbox's token (default ${DEFAULT_WEBSITE_TOKEN})
  --webhook-url <url>      register an account webhook to your endpoint (on this machine: 127.0.0.1 or
                           localhost); its signing secret is printed
  --webhook-events <list>  comma-separated events for that webhook (default: every event the stand-in sends)
  --json                   print the connection as one JSON line instead of text
  -h, --help               this help
  -v, --version            the version

Ctrl+C (SIGINT) or SIGTERM stops it. Exit codes: 0 stopped cleanly, 1 could not start, 2 bad usage.
`;

export interface StandInCliOptions {
  command: 'start' | 'help' | 'version';
  port: number;
  host: '127.0.0.1' | 'localhost';
  websiteToken: string;
  webhookUrl?: string;
  webhookEvents: string[];
  json: boolean;
}

const HINT = 'Run `wootkit-standin --help` for usage.';

function usage(message: string): StandInCliError {
  return new StandInCliError('usage', `${message} ${HINT}`);
}

/** Reads the command line; bad flags are a `usage` StandInCliError that says which flag and what is allowed. */
export function readOptions(argv: string[]): StandInCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'website-token': { type: 'string' },
        'webhook-url': { type: 'string' },
        'webhook-events': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // node:util's messages name the flag (`Unknown option '--prot'`); keep their first line only.
    const text = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw usage(text.replace(/\.?$/, '.'));
  }
  const { values } = parsed;
  const options: StandInCliOptions = {
    command: values.help ? 'help' : values.version ? 'version' : 'start',
    port: DEFAULT_PORT,
    host: '127.0.0.1',
    websiteToken: DEFAULT_WEBSITE_TOKEN,
    webhookEvents: [...STAND_IN_EVENTS],
    json: values.json ?? false,
  };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw usage(`--port must be a number from 0 to 65535 (got "${values.port}").`);
    options.port = port;
  }
  if (values.host !== undefined) {
    if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
      throw usage(`--host must be 127.0.0.1 or localhost (got "${values.host}"): the stand-in only listens on this machine.`);
    }
    options.host = values.host;
  }
  if (values['website-token'] !== undefined) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(values['website-token'])) {
      throw usage('--website-token must be 1 to 64 letters, digits, "-" or "_".');
    }
    options.websiteToken = values['website-token'];
  }
  if (values['webhook-url'] !== undefined) {
    if (!isLoopbackUrl(values['webhook-url'])) {
      throw usage(
        '--webhook-url must be an http:// URL on this machine (127.0.0.1 or localhost), e.g. http://127.0.0.1:8080/webhooks/chatwoot: the stand-in delivers nowhere else.',
      );
    }
    options.webhookUrl = values['webhook-url'];
  }
  if (values['webhook-events'] !== undefined) {
    if (options.webhookUrl === undefined) throw usage('--webhook-events needs --webhook-url.');
    const events = values['webhook-events'].split(',').map((name) => name.trim()).filter(Boolean);
    if (events.length === 0) throw usage('--webhook-events needs at least one event name.');
    options.webhookEvents = events;
  }
  return options;
}

/** The stand-in only dials loopback addresses (see api/delivery.ts): a webhook elsewhere would never be delivered. */
function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

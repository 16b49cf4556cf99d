import { doctor, DOCTOR_USAGE } from './commands/doctor';
import { hash, HASH_USAGE } from './commands/hash';
import { inboxWebhook, INBOX_WEBHOOK_USAGE } from './commands/inboxWebhook';
import { sync, SYNC_USAGE } from './commands/sync';
import { webhooks, WEBHOOKS_USAGE } from './commands/webhooks';
import { version } from '../../package.json';
import { ChatwootInputError } from '../errors/ChatwootInputError';
import { describeError } from './describeError';
import type { CliIo } from './io';
import { readConfig } from './config';

const USAGE = `wootkit — check and operate a Chatwoot integration

Usage:
  wootkit --version        prints the version of @wootkit/server

  ${DOCTOR_USAGE}

  ${WEBHOOKS_USAGE}

  ${INBOX_WEBHOOK_USAGE}

  ${SYNC_USAGE}

  ${HASH_USAGE}

Connection options (or environment):
  --base-url <url>         CHATWOOT_BASE_URL        e.g. https://app.chatwoot.com
  --account-id <id>        CHATWOOT_ACCOUNT_ID
  --inbox-id <id>          CHATWOOT_INBOX_ID
  --website-token <token>  CHATWOOT_WEBSITE_TOKEN
  --timeout-ms <ms>        per request (default 10000)
Secrets come from the environment only (never flags, never printed):
  CHATWOOT_API_ACCESS_TOKEN, CHATWOOT_WEBHOOK_SECRET, CHATWOOT_HMAC_TOKEN

Exit codes: 0 ok, 1 a check or row failed / Chatwoot refused, 2 bad usage or missing configuration.
`;

// Flags people reach for to pass a secret. Refused with a pointer to the environment: a flag's value ends up in
// shell history and in every process listing.
const SECRET_FLAGS = ['--token', '--api-access-token', '--access-token', '--secret', '--webhook-secret', '--hmac-token'];

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  doctor,
  webhooks,
  'inbox-webhook': inboxWebhook,
  sync,
  hash,
};

/** Runs the `wootkit` command line; resolves to the exit code. Every failure is one line on stderr. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const handler = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) {
    io.stderr.write(`wootkit: unknown command "${command}". Commands: doctor, webhooks ensure, inbox-webhook ensure, sync, hash (wootkit --help).\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const secretFlag = rest.find((arg) => SECRET_FLAGS.includes(arg.split('=')[0]!));
  if (secretFlag) {
    io.stderr.write(
      `wootkit ${command}: ${secretFlag.split('=')[0]} is not accepted: secrets are read from the environment (CHATWOOT_API_ACCESS_TOKEN, CHATWOOT_WEBHOOK_SECRET, CHATWOOT_HMAC_TOKEN) or, for \`wootkit hash\`, from standard input with --token-stdin, never from flags (they show in shell history and process lists).\n`,
    );
    return 2;
  }
  try {
    return await handler(rest, io);
  } catch (error) {
    let baseUrl: string | undefined;
    try {
      const at = rest.indexOf('--base-url');
      const flag = at >= 0 ? rest[at + 1] : rest.find((arg) => arg.startsWith('--base-url='))?.slice('--base-url='.length);
      baseUrl = readConfig({ 'base-url': flag }, io.env).baseUrl;
    } catch {
      baseUrl = undefined;
    }
    io.stderr.write(`wootkit ${command}: ${describeError(error, baseUrl)}\n`);
    // A malformed option (a token with a line break, a base URL with a password) is a configuration mistake.
    const exitCode = error instanceof ChatwootInputError ? 2 : (error as { exitCode?: number }).exitCode;
    const usage = typeof (error as { code?: unknown }).code === 'string' && String((error as { code: string }).code).startsWith('ERR_PARSE_ARGS');
    return exitCode ?? (usage ? 2 : 1);
  }
}

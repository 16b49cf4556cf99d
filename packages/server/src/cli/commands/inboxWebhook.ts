import { parseArgs } from 'node:util';
import { InboxWebhookError } from '../../errors/InboxWebhookError';
import { ensureInboxWebhook } from '../../inboxWebhook/ensureInboxWebhook';
import { CliError } from '../CliError';
import { cliClient, CONNECTION_OPTIONS, positiveInteger, readConfig } from '../config';
import type { CliIo } from '../io';

export const INBOX_WEBHOOK_USAGE = `wootkit inbox-webhook ensure --inbox <id> --url <url> [--require-https] [--dry-run] [connection options]
  Points an API inbox's own webhook (where Chatwoot posts its conversation and message events, e.g. Evolution API's
  /chatwoot/webhook/<instance>) at <url> if it points elsewhere. Idempotent; refuses an inbox that is not an API inbox.
  --dry-run says what would change and changes nothing. Needs an administrator's token.`;

/** `wootkit inbox-webhook ensure`: a thin line-printer over `ensureInboxWebhook`. */
export async function inboxWebhook(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'ensure') {
    throw new CliError(`Unknown inbox-webhook action "${action ?? ''}": the only one is \`wootkit inbox-webhook ensure --inbox <id> --url <url>\`.`, 2);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      ...CONNECTION_OPTIONS,
      inbox: { type: 'string' },
      url: { type: 'string' },
      'require-https': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.inbox === undefined) throw new CliError('Missing --inbox: pass the id of the API inbox (Settings → Inboxes).', 2);
  if (!values.url) throw new CliError('Missing --url: pass the URL Chatwoot should post the inbox\'s events to.', 2);
  const inboxId = positiveInteger(values.inbox, '--inbox');
  const config = readConfig(values, io.env);
  const client = cliClient(config);
  try {
    const result = await ensureInboxWebhook(client, {
      inboxId,
      url: values.url,
      requireHttps: values['require-https'] === true,
      dryRun: values['dry-run'] === true,
    });
    const name = `Inbox ${inboxId} (${result.inbox.name})`;
    if (!result.changed) io.stdout.write(`${name}: webhook URL is up to date: ${values.url}\n`);
    else if (result.dryRun) io.stdout.write(`${name}: would change the webhook URL from ${result.previousUrl ?? '(none)'} to ${values.url} (dry run: nothing changed)\n`);
    else io.stdout.write(`${name}: webhook URL changed from ${result.previousUrl ?? '(none)'} to ${values.url}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InboxWebhookError) throw new CliError(error.message, error.code === 'invalid_url' ? 2 : 1);
    throw error;
  }
}

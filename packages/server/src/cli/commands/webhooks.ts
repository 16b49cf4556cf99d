import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../CliError';
import { cliClient, CONNECTION_OPTIONS, readConfig } from '../config';
import type { CliIo } from '../io';
import { parseEvents } from '../webhookEvents';

export const WEBHOOKS_USAGE = `wootkit webhooks ensure --url <url> [--events a,b,…] [--secret-file <path>] [connection options]
  Creates the account webhook for <url>, or adds the missing events to it (events you added yourself are kept).
  Idempotent. --secret-file writes Chatwoot's signing secret for it to <path> (mode 600); it is never printed.`;

/** `wootkit webhooks ensure`. */
export async function webhooks(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'ensure') {
    throw new CliError(`Unknown webhooks action "${action ?? ''}": the only one is \`wootkit webhooks ensure --url <url>\`.`, 2);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      ...CONNECTION_OPTIONS,
      url: { type: 'string' },
      events: { type: 'string', multiple: true },
      'secret-file': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.url) throw new CliError('Missing --url: pass the URL Chatwoot should POST events to.', 2);
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new CliError('--url is not a valid URL: pass an absolute http(s) URL.', 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError('--url must be an http(s) URL.', 2);
  const { events, unknown } = parseEvents(values.events);
  if (unknown.length > 0) throw new CliError(`Unknown webhook event(s): ${unknown.join(', ')}.`, 2);
  if (events.length === 0) throw new CliError('--events is empty: name at least one event.', 2);

  const config = readConfig(values, io.env);
  const client = cliClient(config);
  const existing = (await client.webhooks.list()).find((webhook) => webhook.url === values.url);
  let webhook;
  if (!existing) {
    webhook = await client.webhooks.create({ url: values.url, name: 'wootkit', subscriptions: events });
    io.stdout.write(`Created webhook #${webhook.id} for ${values.url}: ${events.join(', ')}\n`);
  } else {
    const missing = events.filter((event) => !existing.subscriptions.includes(event));
    if (missing.length === 0) {
      webhook = existing;
      io.stdout.write(`Webhook #${existing.id} for ${values.url} is up to date: ${existing.subscriptions.join(', ')}\n`);
    } else {
      webhook = await client.webhooks.update(existing.id, { subscriptions: [...existing.subscriptions, ...missing] });
      io.stdout.write(`Updated webhook #${webhook.id} for ${values.url}: added ${missing.join(', ')}\n`);
    }
  }
  if (values['secret-file']) {
    if (!webhook.secret) {
      throw new CliError('Chatwoot returned no signing secret for this webhook (Chatwoot older than 4.11.2 does not sign).', 1);
    }
    const path = resolve(io.cwd, values['secret-file']);
    await writeFile(path, `${webhook.secret}\n`, { mode: 0o600 });
    io.stdout.write(`Wrote the webhook's signing secret to ${values['secret-file']}: put it in CHATWOOT_WEBHOOK_SECRET.\n`);
  } else if (webhook.secret && config.webhookSecret === undefined) {
    io.stdout.write('Chatwoot signs this webhook: set CHATWOOT_WEBHOOK_SECRET to its secret (run again with --secret-file <path> to save it).\n');
  }
  return 0;
}

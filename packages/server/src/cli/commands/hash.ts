import { parseArgs } from 'node:util';
import { identifierHash } from '../../identity/identifierHash';
import { CliError } from '../CliError';
import { readStdin, type CliIo } from '../io';

export const HASH_USAGE = `wootkit hash <identifier> [--token-stdin]
  Prints the widget's identifier_hash for <identifier>: HMAC-SHA256 with the inbox HMAC token, read from
  CHATWOOT_HMAC_TOKEN or, with --token-stdin, from standard input (never from a flag, never echoed).`;

/** `wootkit hash <identifier>`. */
export async function hash(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'token-stdin': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] === '') {
    throw new CliError('Pass exactly one identifier: `wootkit hash <identifier>`.', 2);
  }
  const token = values['token-stdin'] ? (await readStdin(io)).replace(/\r?\n$/, '') : io.env.CHATWOOT_HMAC_TOKEN;
  if (!token) {
    throw new CliError(
      'Missing the inbox HMAC token: set CHATWOOT_HMAC_TOKEN or pipe it in with --token-stdin (Settings → Inboxes → Configuration → Identity validation).',
      2,
    );
  }
  io.stdout.write(`${identifierHash(positionals[0]!, token)}\n`);
  return 0;
}

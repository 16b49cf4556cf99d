import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeWebhookHandler, identifierHash } from '../src/index';
import { runCli } from './support/run-cli';

let fake: FakeChatwoot;
let dir: string;
let env: Record<string, string>;
let whatsapp: number;
const servers: http.Server[] = [];

beforeEach(async () => {
  fake = await startFakeChatwoot({ widget: { websiteTokens: ['web-token-1'] } });
  const { inboxes } = fake.api.seed({
    inboxes: [
      { name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' },
      { name: 'Website', channel_type: 'Channel::WebWidget', website_token: 'web-token-1' },
    ],
  });
  whatsapp = inboxes[0]!.id;
  dir = mkdtempSync(join(tmpdir(), 'wootkit-cli-'));
  env = {
    CHATWOOT_BASE_URL: fake.url,
    CHATWOOT_API_ACCESS_TOKEN: fake.api.tokens.admin,
    CHATWOOT_ACCOUNT_ID: String(fake.api.accountId),
  };
});

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The host app's webhook endpoint: the real handler, verifying with `secret()`. */
async function startEndpoint(secret: () => string): Promise<{ url: string; received: string[] }> {
  const received: string[] = [];
  let handler = createNodeWebhookHandler({ secret: 'unset', on: {} });
  let current = '';
  const server = http.createServer((req, res) => {
    if (secret() !== current) {
      current = secret();
      handler = createNodeWebhookHandler({ secret: current, on: { conversation_typing_off: (event) => void received.push(event.event) } });
    }
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/chatwoot`, received };
}

describe('usage and configuration errors', () => {
  it('prints usage with no command (exit 2) and with --help (exit 0)', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('wootkit doctor');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('wootkit sync');
  });

  it('refuses an unknown command or flag in one line, exit 2', async () => {
    const command = await runCli(['frobnicate'], { env });
    expect(command.code).toBe(2);
    expect(command.stderr.trim().split('\n')).toHaveLength(1);
    expect(command.stderr).toContain('unknown command "frobnicate"');
    const flag = await runCli(['doctor', '--frob'], { env });
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim()).toBe("wootkit doctor: Unknown option '--frob'. Run `wootkit --help` for usage.");
  });

  it('names the missing configuration', async () => {
    const result = await runCli(['webhooks', 'ensure', '--url', 'http://127.0.0.1:9/x'], { env: { CHATWOOT_BASE_URL: fake.url } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'wootkit webhooks: Missing configuration: set CHATWOOT_API_ACCESS_TOKEN, --account-id or CHATWOOT_ACCOUNT_ID.',
    );
  });

  it('says what to do when Chatwoot is unreachable, exit 1', async () => {
    await fake.stop();
    const result = await runCli(['webhooks', 'ensure', '--url', 'http://127.0.0.1:9/x', '--timeout-ms', '500'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `wootkit webhooks: Could not reach Chatwoot at ${fake.url}: check CHATWOOT_BASE_URL and that Chatwoot is running.`,
    );
    await fake.restart();
  });
});

describe('wootkit hash', () => {
  it('prints the identity hash from CHATWOOT_HMAC_TOKEN, or from stdin with --token-stdin', async () => {
    const fromEnv = await runCli(['hash', 'user-42'], { env: { CHATWOOT_HMAC_TOKEN: 'inbox-hmac' } });
    expect(fromEnv).toMatchObject({ code: 0, stdout: `${identifierHash('user-42', 'inbox-hmac')}\n`, stderr: '' });
    const fromStdin = await runCli(['hash', 'user-42', '--token-stdin'], { stdin: 'inbox-hmac\n' });
    expect(fromStdin.stdout).toBe(`${identifierHash('user-42', 'inbox-hmac')}\n`);
  });

  it('asks for the token when there is none, and takes exactly one identifier', async () => {
    const missing = await runCli(['hash', 'user-42']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('CHATWOOT_HMAC_TOKEN');
    const two = await runCli(['hash', 'a', 'b'], { env: { CHATWOOT_HMAC_TOKEN: 'x' } });
    expect(two.code).toBe(2);
  });
});

describe('wootkit webhooks ensure', () => {
  it('creates the webhook, is a no-op the second time, and repairs missing events without dropping extra ones', async () => {
    const url = 'http://127.0.0.1:9/chatwoot';
    const first = await runCli(['webhooks', 'ensure', '--url', url], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Created webhook #\d+ for http:\/\/127\.0\.0\.1:9\/chatwoot/);
    expect(fake.api.webhooks()).toHaveLength(1);
    expect(fake.api.webhooks()[0]!.subscriptions).toEqual(
      expect.arrayContaining(['message_created', 'conversation_created', 'contact_updated']),
    );

    const second = await runCli(['webhooks', 'ensure', '--url', url], { env });
    expect(second.stdout).toContain('is up to date');
    expect(fake.api.webhooks()).toHaveLength(1);

    const more = await runCli(['webhooks', 'ensure', '--url', url, '--events', 'message_updated,webwidget_triggered'], { env });
    expect(more.stdout).toContain('added message_updated, webwidget_triggered');
    const again = await runCli(['webhooks', 'ensure', '--url', url, '--events', 'message_created'], { env });
    expect(again.stdout).toContain('is up to date');
    expect(fake.api.webhooks()[0]!.subscriptions).toContain('webwidget_triggered');
  });

  it('writes the signing secret to --secret-file (mode 600), never to the output', async () => {
    const result = await runCli(['webhooks', 'ensure', '--url', 'http://127.0.0.1:9/a', '--secret-file', 'secret.txt'], { env, cwd: dir });
    const secret = fake.api.webhooks()[0]!.secret;
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'secret.txt'), 'utf8')).toBe(`${secret}\n`);
    expect(statSync(join(dir, 'secret.txt')).mode & 0o777).toBe(0o600);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('refuses unknown events and an agent token (webhooks need an administrator)', async () => {
    const unknown = await runCli(['webhooks', 'ensure', '--url', 'http://127.0.0.1:9/a', '--events', 'message_created,nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown webhook event(s): nope');
    const agent = await runCli(['webhooks', 'ensure', '--url', 'http://127.0.0.1:9/a'], {
      env: { ...env, CHATWOOT_API_ACCESS_TOKEN: fake.api.tokens.agent },
    });
    expect(agent.code).toBe(1);
    expect(agent.stderr).toContain('401');
    expect(fake.api.webhooks()).toHaveLength(0);
  });
});

describe('wootkit doctor', () => {
  it('passes every check against a healthy setup, including a signed delivery the app verifies', async () => {
    let secret = '';
    const endpoint = await startEndpoint(() => secret);
    await runCli(['webhooks', 'ensure', '--url', endpoint.url], { env });
    secret = fake.api.webhooks()[0]!.secret;
    const result = await runCli(['doctor', '--url', endpoint.url], {
      env: { ...env, CHATWOOT_INBOX_ID: String(whatsapp), CHATWOOT_WEBSITE_TOKEN: 'web-token-1', CHATWOOT_WEBHOOK_SECRET: secret },
    });
    expect(result.stdout).toContain('All checks passed.');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').filter((line) => /^[✓✗-] /.test(line));
    expect(lines).toEqual([
      `✓ Chatwoot reachable at ${fake.url} (HTTP 401)`,
      '✓ Token valid: it belongs to Ada Admin',
      '✓ Account 1 (Acme): role administrator',
      `✓ Inbox ${whatsapp} (WhatsApp): channel Channel::Whatsapp`,
      expect.stringMatching(/^✓ Website token serves the widget \(inbox \d+, Website\)$/),
      expect.stringMatching(/^✓ Webhook #\d+ for .*: subscribed to conversation_created/),
      expect.stringMatching(/^✓ Signed delivery to .*: verified \(HTTP 200\)$/),
    ]);
    expect(endpoint.received).toEqual(['conversation_typing_off']);
  });

  it('fails with a fix hint for each broken piece, exit 1', async () => {
    const endpoint = await startEndpoint(() => 'the-apps-own-secret');
    const result = await runCli(['doctor', '--url', endpoint.url], {
      env: { ...env, CHATWOOT_INBOX_ID: '999', CHATWOOT_WEBSITE_TOKEN: 'nope', CHATWOOT_WEBHOOK_SECRET: 'a-wrong-secret' },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ Inbox 999: not found in account 1');
    expect(result.stdout).toMatch(/fix: Set CHATWOOT_INBOX_ID to one of: \d+ \(WhatsApp, Channel::Whatsapp\)/);
    expect(result.stdout).toContain('✗ Website token: the widget page answered HTTP 404');
    expect(result.stdout).toContain(`✗ Webhook for ${endpoint.url}: not registered`);
    expect(result.stdout).toContain(`fix: Run \`wootkit webhooks ensure --url ${endpoint.url}\`.`);
    // No webhook to compare with: the delivery is signed with the configured secret and the app rejects it.
    expect(result.stdout).toContain(`✗ Signed delivery to ${endpoint.url}: HTTP 401`);
    expect(result.stdout).toContain('4 check(s) failed.');
  });

  it('spots a configured secret that is not the one Chatwoot signs with, and a bad token', async () => {
    const endpoint = await startEndpoint(() => 'x');
    await runCli(['webhooks', 'ensure', '--url', endpoint.url], { env });
    const mismatch = await runCli(['doctor', '--url', endpoint.url], { env: { ...env, CHATWOOT_WEBHOOK_SECRET: 'stale-secret' } });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toMatch(/✗ Signed delivery: CHATWOOT_WEBHOOK_SECRET is not the secret Chatwoot signs webhook #\d+ with/);

    const badToken = await runCli(['doctor'], { env: { ...env, CHATWOOT_API_ACCESS_TOKEN: 'not-a-token' } });
    expect(badToken.code).toBe(1);
    expect(badToken.stdout).toContain('✗ Token rejected: Chatwoot answered 401');
    expect(badToken.stdout).toContain('fix: Set CHATWOOT_API_ACCESS_TOKEN to the access token of a user of the account');
    // One piece of advice, not two that disagree (the line used to carry a second, different hint).
    expect(badToken.stdout.match(/CHATWOOT_API_ACCESS_TOKEN/g)).toHaveLength(1);
  });
});

describe('wootkit: version, secrets and malformed configuration', () => {
  it('prints its version with --version, -v and version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v', 'version']) {
      const result = await runCli([flag]);
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it.each([
    ['hash', ['hash', 'user-1', '--token', 'hmac-from-a-flag']],
    ['hash', ['hash', 'user-1', '--token=hmac-from-a-flag']],
    ['doctor', ['doctor', '--api-access-token', 'hmac-from-a-flag']],
    ['webhooks', ['webhooks', 'ensure', '--secret', 'hmac-from-a-flag']],
  ])('%s refuses a secret passed as a flag, pointing at the environment and stdin', async (_command, args) => {
    const result = await runCli(args, { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not accepted: secrets are read from the environment .*--token-stdin/);
    expect(result.stderr).not.toContain('hmac-from-a-flag');
    expect(result.stdout).toBe('');
  });

  it('says what is wrong with a token that has a line break inside, without printing it (exit 2)', async () => {
    // A trailing newline is trimmed (tokens pasted from files); one inside cannot be a token.
    const token = `${fake.api.tokens.admin}\nsecond-line`;
    const result = await runCli(['doctor'], { env: { ...env, CHATWOOT_API_ACCESS_TOKEN: token } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('apiAccessToken contains a space, a line break or a control character');
    expect(result.stdout + result.stderr).not.toContain(fake.api.tokens.admin);
  });
});

describe('wootkit sync', () => {
  const csv = [
    'identifier,name,email,phone,custom.plan',
    'c-1,Ana,ana@example.com,+52 1 55 1234 5678,gold',
    'c-2,"Bruno, Jr.",bruno@example.com,,silver',
    'c-3,Carla,,55 1111 2222,',
    'c-4,Dan,dan@example.com,12,',
    'c-5,Eve,eve@example.com',
    'c-6,Fay,fay@example.com,,bronze',
  ].join('\n');

  it('syncs a CSV, reports broken and failed rows by line, writes them to a re-runnable failures file', async () => {
    writeFileSync(join(dir, 'customers.csv'), `${csv}\n`);
    const result = await runCli(['sync', 'customers.csv', '--default-country', 'MX'], { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/created\s+4\n/);
    expect(result.stdout).toMatch(/failed\s+1\n/);
    expect(result.stdout).toMatch(/broken rows\s+1\n/);
    expect(result.stdout).toMatch(/total\s+6\n/);
    expect(result.stdout).toMatch(/line 5: invalid_phone: /);
    expect(result.stdout).toMatch(/line 6: broken row: .*column/i);
    expect(result.stdout).toContain('written to customers.failed.csv');
    // Not a TTY: plain progress lines.
    expect(result.stderr).toContain('progress 100%');
    expect(fake.api.contacts().map((contact) => contact.identifier).sort()).toEqual(['c-1', 'c-2', 'c-3', 'c-6']);
    expect(fake.api.contacts().find((contact) => contact.identifier === 'c-1')).toMatchObject({
      phone_number: '+525512345678',
      custom_attributes: { plan: 'gold' },
    });

    const failures = readFileSync(join(dir, 'customers.failed.csv'), 'utf8');
    expect(failures).toBe('identifier,name,email,phone,custom.plan\nc-4,Dan,dan@example.com,12,\nc-5,Eve,eve@example.com\n');

    // Same file again: nothing to write.
    const again = await runCli(['sync', 'customers.csv', '--default-country', 'MX'], { env, cwd: dir });
    expect(again.stdout).toMatch(/unchanged\s+4\n/);
    expect(again.stdout).toMatch(/created\s+0\n/);

    // Fix the failures and re-run them: the failures file empties itself.
    writeFileSync(join(dir, 'customers.failed.csv'), 'identifier,name,email,phone,custom.plan\nc-4,Dan,dan@example.com,+15005550006,\nc-5,Eve,eve@example.com,,\n');
    const fixed = await runCli(['sync', 'customers.failed.csv'], { env, cwd: dir });
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/created\s+2\n/);
    expect(existsSync(join(dir, 'customers.failed.csv'))).toBe(false);
    expect(fake.api.contacts()).toHaveLength(6);
  });

  it('reports a row with a stray quote once, with its line, and writes it back exactly as it was', async () => {
    const rows = [
      'identifier,name,email,phone,custom.plan',
      'q-1,Ana,ana@example.com,,gold',
      'q-2,An"a Maria,anamaria@example.com,,gold',
      'q-3,"Bruno, Jr.",bruno@example.com,,silver',
      'q-4,"Carla ""CJ"" Jones",carla@example.com,,',
      'q-5,Dan,dan@example.com,,',
    ];
    writeFileSync(join(dir, 'customers.csv'), `${rows.join('\n')}\n`);
    const result = await runCli(['sync', 'customers.csv'], { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/created\s+4\n/);
    expect(result.stdout).toMatch(/broken rows\s+1\n/);
    expect(result.stdout).toMatch(/total\s+5\n/);
    expect(result.stdout.match(/^line \d+:.*/gm)).toEqual([expect.stringMatching(/^line 3: broken row: an unmatched quote/)]);
    expect(result.stdout).toContain('1 row(s) not synced');
    expect(readFileSync(join(dir, 'customers.failed.csv'), 'utf8')).toBe(`${rows[0]}\n${rows[2]}\n`);
    expect(fake.api.contacts().map((contact) => contact.name).sort()).toEqual(['Ana', 'Bruno, Jr.', 'Carla "CJ" Jones', 'Dan']);
  });

  it('does not let a quote that is never closed swallow the rest of the file', async () => {
    const rows = [
      'identifier,name,email,phone,custom.plan',
      'u-1,"Ana,ana@example.com,,gold',
      'u-2,Bruno,bruno@example.com,,silver',
      'u-3,"Multi',
      'line note",carla@example.com,,',
      'u-4,Dan,dan@example.com,,',
    ];
    writeFileSync(join(dir, 'customers.csv'), `${rows.join('\n')}\n`);
    const result = await runCli(['sync', 'customers.csv'], { env, cwd: dir });
    expect(result.stdout).toMatch(/created\s+3\n/);
    expect(result.stdout).toMatch(/broken rows\s+1\n/);
    expect(result.stdout).toMatch(/total\s+4\n/);
    expect(result.stdout).toMatch(/line 2: broken row: an unmatched quote/);
    expect(result.stdout).toContain('1 row(s) not synced');
    expect(readFileSync(join(dir, 'customers.failed.csv'), 'utf8')).toBe(`${rows[0]}\n${rows[1]}\n`);
    expect(fake.api.contacts().find((contact) => contact.identifier === 'u-3')?.name).toBe('Multi\nline note');
  });

  it('reports progress that adds up on a small file, in a dry run too', async () => {
    writeFileSync(join(dir, 'customers.csv'), `${csv}\n`);
    const dry = await runCli(['sync', 'customers.csv', '--dry-run', '--default-country', 'MX', '--progress-every', '50'], { env, cwd: dir });
    const lines = dry.stderr.split('\n').filter((line) => line.startsWith('progress'));
    expect(lines.map((line) => line.split('  ')[0])).toEqual(['progress 50%', 'progress 100%']);
    for (const line of lines) {
      const [done, total] = line.split('  ')[1]!.split('/').map(Number);
      expect(total).toBe(6);
      expect(done! / total!).toBeGreaterThanOrEqual(Number(line.match(/(\d+)%/)![1]) / 100);
    }
    expect(lines.at(-1)).toContain('6/6');
  });

  it('reads JSON Lines, reporting a line that is not JSON', async () => {
    writeFileSync(
      join(dir, 'people.jsonl'),
      [
        JSON.stringify({ identifier: 'j-1', name: 'Jo', customAttributes: { tier: 1 } }),
        '{ not json',
        '',
        JSON.stringify({ email: 'kim@example.com', phone: '+5215512345670' }),
      ].join('\n'),
    );
    const result = await runCli(['sync', 'people.jsonl', '--concurrency', '2'], { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/created\s+2\n/);
    expect(result.stdout).toContain('line 2: broken row: not valid JSON');
    expect(readFileSync(join(dir, 'people.failed.jsonl'), 'utf8')).toBe('{ not json\n');
    expect(fake.api.contacts().find((contact) => contact.identifier === 'j-1')?.custom_attributes).toEqual({ tier: 1 });
  });

  it('--dry-run reads and looks up only', async () => {
    writeFileSync(join(dir, 'customers.csv'), `${csv}\n`);
    fake.api.seed({ contacts: [{ identifier: 'c-1', name: 'Ana' }] });
    const result = await runCli(['sync', 'customers.csv', '--dry-run', '--default-country', 'MX'], { env, cwd: dir });
    expect(result.stdout).toContain('Dry run: nothing was written to Chatwoot.');
    expect(result.stdout).toMatch(/would create\s+3\n/);
    expect(result.stdout).toMatch(/would update or keep\s+1\n/);
    expect(fake.api.requests({ method: 'POST' }).every((request) => request.path.endsWith('/contacts/filter'))).toBe(true);
    expect(fake.api.requests({ method: 'PATCH' })).toHaveLength(0);
    expect(existsSync(join(dir, 'customers.failed.csv'))).toBe(false);
  });

  it('refuses a missing file, an unknown format and bad numbers in one line, exit 2', async () => {
    writeFileSync(join(dir, 'list.txt'), 'x');
    for (const args of [['sync', 'nope.csv'], ['sync', 'list.txt'], ['sync', 'list.txt', '--concurrency', 'lots']]) {
      const result = await runCli(args, { env, cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toDesiredContact } from '../../contacts/contactInput';
import { findContactByKeys } from '../../contacts/findContact';
import { syncContacts, type SyncFailure } from '../../contacts/syncContacts';
import { ChatwootError } from '../../errors/ChatwootError';
import { CliError } from '../CliError';
import { cliClient, CONNECTION_OPTIONS, readConfig } from '../config';
import { describeError } from '../describeError';
import type { CliIo } from '../io';
import { createProgress, table } from '../progress';
import { csvField, inputFormat, readCustomers, type BrokenRow, type InputFormat, type RowCustomer } from '../readCustomers';

export const SYNC_USAGE = `wootkit sync <customers.csv|customers.jsonl> [--default-country MX] [--dry-run] [--concurrency N]
            [--failures <path>] [--progress-every <percent>] [connection options]
  Creates or updates a Chatwoot contact per row (matched by identifier, email, then phone); a second run of the same
  file changes nothing. Rows that fail or cannot be read go to <name>.failed.<ext> (same format, fix and re-run it).
  CSV header: identifier,name,email,phone[,custom.<key>…][,additional.<key>…]. JSONL: one customer object a line.`;

/** `wootkit sync`. Exit 0 when every row synced, 1 when some failed (they are in the failures file). */
export async function sync(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...CONNECTION_OPTIONS,
      'default-country': { type: 'string' },
      'dry-run': { type: 'boolean' },
      concurrency: { type: 'string' },
      failures: { type: 'string' },
      'progress-every': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new CliError('Pass one input file: `wootkit sync customers.csv`.', 2);
  const path = resolve(io.cwd, positionals[0]!);
  const format = inputFormat(path);
  if (!format) throw new CliError('The input must be a .csv or .jsonl file.', 2);
  if (!existsSync(path) || !(await stat(path)).isFile()) throw new CliError(`No such file: ${positionals[0]}.`, 2);
  const concurrency = wholeNumber(values.concurrency ?? '8', '--concurrency', 1, 64);
  const everyPercent = wholeNumber(values['progress-every'] ?? '10', '--progress-every', 1, 100);
  const defaultCountry = values['default-country']?.toUpperCase();
  if (defaultCountry !== undefined && !/^[A-Z]{2}$/.test(defaultCountry)) {
    throw new CliError('--default-country must be a two-letter ISO country code, e.g. MX.', 2);
  }
  const config = readConfig(values, io.env);
  const client = cliClient(config);
  // Fail fast, before reading the file, when Chatwoot or the token is wrong.
  try {
    await client.profile.get();
  } catch (error) {
    throw new CliError(describeError(error, config.baseUrl), 1);
  }

  const failuresPath = values.failures ? resolve(io.cwd, values.failures) : defaultFailuresPath(path, format);
  const total = await countRows(path, format);
  const interactive = io.stdout.isTTY === true && !io.env.CI;
  const progress = createProgress(io.stderr, { interactive, everyPercent });
  const broken: BrokenRow[] = [];
  let header: string[] = [];
  const rows = readCustomers(path, format, (row) => broken.push(row), (names) => (header = names));
  const counts = { done: 0, total, created: 0, updated: 0, unchanged: 0, failed: 0 };
  const options = defaultCountry === undefined ? {} : { defaultCountry };

  let failures: Array<SyncFailure<RowCustomer>>;
  if (values['dry-run']) {
    failures = [];
    const labels = { created: 'would create', updated: 'would update or keep' };
    for await (const customer of rows) {
      try {
        const desired = toDesiredContact(customer, options);
        const existing = await findContactByKeys(client, desired.keys);
        counts[existing ? 'updated' : 'created'] += 1;
      } catch (caught) {
        failures.push({ customer, error: caught instanceof Error ? caught : new Error(String(caught)) });
        counts.failed += 1;
      }
      counts.done = counts.created + counts.updated + counts.failed + broken.length;
      progress.update(counts);
    }
    progress.update({ ...counts, done: total }, true);
    io.stdout.write(`\nDry run: nothing was written to Chatwoot.\n`);
    io.stdout.write(
      table([
        [labels.created, counts.created],
        [labels.updated, counts.updated],
        ['invalid', counts.failed],
        ['broken rows', broken.length],
        ['total', counts.created + counts.updated + counts.failed + broken.length],
      ]),
    );
    reportProblems(io, failures, broken);
    return failures.length + broken.length === 0 ? 0 : 1;
  }

  const report = await syncContacts(client, rows, {
    ...options,
    concurrency,
    onProgress: (event) => {
      Object.assign(counts, { created: event.created, updated: event.updated, unchanged: event.unchanged, failed: event.failed });
      counts.done = event.done + broken.length;
      progress.update(counts);
    },
  });
  progress.update({ ...counts, done: total }, true);
  failures = report.failed;

  await writeFailures(failuresPath, format, header, failures, broken);
  io.stdout.write(
    '\n' +
      table([
        ['created', report.created],
        ['updated', report.updated],
        ['unchanged', report.unchanged],
        ['failed', report.failed.length],
        ['broken rows', broken.length],
        ['total', report.total + broken.length],
      ]),
  );
  reportProblems(io, failures, broken);
  if (failures.length + broken.length === 0) return 0;
  const shown = relative(io.cwd, failuresPath);
  io.stdout.write(`\n${failures.length + broken.length} row(s) not synced: written to ${shown}. Fix them and run \`wootkit sync ${shown}\`.\n`);
  return 1;
}

function wholeNumber(value: string, name: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) throw new CliError(`${name} must be a whole number from ${min} to ${max}.`, 2);
  return parsed;
}

function relative(cwd: string, path: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

/** `customers.csv` → `customers.failed.csv`; a failures file re-run writes over itself (atomically, at the end). */
function defaultFailuresPath(path: string, format: InputFormat): string {
  const extension = extname(path);
  const stem = basename(path, extension);
  return join(dirname(path), stem.endsWith('.failed') ? `${stem}${extension}` : `${stem}.failed${extension || `.${format}`}`);
}

async function countRows(path: string, format: InputFormat): Promise<number> {
  let count = 0;
  for await (const _ of readCustomers(path, format, () => (count += 1))) count += 1;
  return count;
}

function reportProblems(io: CliIo, failures: Array<SyncFailure<RowCustomer>>, broken: BrokenRow[]): void {
  const problems = [
    ...broken.map((row) => ({ line: row.line, text: `broken row: ${row.reason}` })),
    ...failures.map(({ customer, error }) => ({
      line: customer.row.line,
      text: `${error instanceof ChatwootError ? error.code : error.name}: ${describeError(error)}`,
    })),
  ].sort((a, b) => a.line - b.line);
  const limit = 20;
  for (const problem of problems.slice(0, limit)) io.stdout.write(`line ${problem.line}: ${problem.text}\n`);
  if (problems.length > limit) io.stdout.write(`… and ${problems.length - limit} more\n`);
}

/**
 * Writes the rows that did not sync, in the input's own format and order, to a temporary file renamed into place
 * only when complete: an interrupted run never leaves a half-written failures file. No failures: the file is removed.
 */
async function writeFailures(
  path: string,
  format: InputFormat,
  header: string[],
  failures: Array<SyncFailure<RowCustomer>>,
  broken: BrokenRow[],
): Promise<void> {
  if (failures.length + broken.length === 0) {
    // Nothing left to fix: a stale failures file (or a re-run failures file that now fully synced) goes away.
    await rm(path, { force: true });
    return;
  }
  const rows = [...failures.map(({ customer }) => customer.row), ...broken].sort((a, b) => a.line - b.line);
  const temporary = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(temporary, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'csv') await write(`${header.map(csvField).join(',')}\n`);
  for (const row of rows) await write(`${row.raw}\n`);
  out.end();
  await once(out, 'finish');
  await rename(temporary, path);
}

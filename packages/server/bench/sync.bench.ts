/**
 * `syncContacts` benchmark (issue 4's budget): 10,000 customers against the Chatwoot stand-in with 20 ms latency per
 * request, versus the sequential find-then-create loop of a typical integration, measured in the same run.
 *
 * Run: `pnpm --filter @wootkit/server bench` (or `node --expose-gc --import tsx bench/sync.bench.ts`).
 * Knobs (env): BENCH_SYNC_N (10000), BENCH_BASELINE_N (500), BENCH_CONCURRENCY (32), BENCH_LATENCY_MS (20).
 * Phases are announced on stderr as they start; the tables and PASS/FAIL lines go to stdout at the end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createChatwootClient, normalizePhone, syncContacts, type Customer } from '../src/index';

const SYNC_N = Number(process.env.BENCH_SYNC_N ?? 10_000);
const BASELINE_N = Number(process.env.BENCH_BASELINE_N ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
// Chatwoot's default rack_attack limit (3,000/min per IP) caps any client at 50 requests/s, which the sequential loop
// already nearly reaches at 20 ms latency; a 10x budget presumes a raised RACK_ATTACK_LIMIT. Both loops below run
// under the same limits: the stand-in throttles at SERVER_PER_MINUTE, the client's own limiter stays under it.
const SERVER_PER_MINUTE = 60_000;
const CLIENT_PER_MINUTE = 54_000;
const MEMORY_SAMPLES = [2_000, 5_000, 10_000].map((at) => Math.round((at / 10_000) * SYNC_N));
const MAX_HEAP_GROWTH_MB = 4;

interface Stats {
  contacts: number;
  requests: number;
  writes: number;
  throttled: number;
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) console.warn('note: run with --expose-gc for steadier memory samples');
  const server = await startStandIn();
  try {
    const client = createChatwootClient({
      baseUrl: server.url,
      apiAccessToken: server.token,
      accountId: server.accountId,
      rateLimit: { requestsPerMinute: CLIENT_PER_MINUTE },
    });

    phase(`baseline: ${BASELINE_N} customers, one after the other`);
    // Baseline: one customer after the other, exact lookup then create, with the client's plain calls.
    let started = performance.now();
    for await (const customer of customers(BASELINE_N, 'base', 20_000_000)) {
      const { payload } = await client.contacts.filter([
        { attribute_key: 'email', filter_operator: 'equal_to', values: [customer.email!], query_operator: null },
      ]);
      if (payload.length === 0) {
        await client.contacts.create({
          name: customer.name!,
          email: customer.email!,
          identifier: customer.identifier!,
          phone_number: normalizePhone(customer.phone!),
        });
      }
    }
    const baselineMs = performance.now() - started;
    const baselineStats = await server.stats();
    const baselinePerCustomer = baselineMs / BASELINE_N;

    // syncContacts over a streamed async generator, sampling memory as it goes.
    const memory: Array<{ at: number; heapMb: number; rssMb: number }> = [];
    const sample = (at: number) => {
      gc?.();
      const usage = process.memoryUsage();
      memory.push({ at, heapMb: usage.heapUsed / 2 ** 20, rssMb: usage.rss / 2 ** 20 });
    };
    phase(`syncContacts: ${SYNC_N} customers, concurrency ${CONCURRENCY}`);
    let throttledSeen = 0;
    const countingClient = createChatwootClient({
      baseUrl: server.url,
      apiAccessToken: server.token,
      accountId: server.accountId,
      rateLimit: { requestsPerMinute: CLIENT_PER_MINUTE },
      hooks: { onResponse: (event) => void (event.status === 429 && throttledSeen++) },
    });
    started = performance.now();
    const report = await syncContacts(countingClient, customers(SYNC_N, 'sync', 10_000_000), {
      concurrency: CONCURRENCY,
      onProgress: (progress) => {
        if (MEMORY_SAMPLES.includes(progress.done)) sample(progress.done);
      },
    });
    const syncMs = performance.now() - started;
    const syncStats = await server.stats();

    // The same data again: every contact is found unchanged, nothing is written.
    phase('syncContacts: the same data again');
    started = performance.now();
    const again = await syncContacts(countingClient, customers(SYNC_N, 'sync', 10_000_000), { concurrency: CONCURRENCY });
    const againMs = performance.now() - started;
    const againStats = await server.stats();

    const extrapolatedBaselineMs = baselinePerCustomer * SYNC_N;
    const speedup = extrapolatedBaselineMs / syncMs;
    const heapGrowth = (memory.at(-1)?.heapMb ?? 0) - (memory[0]?.heapMb ?? 0);

    console.log(`\nsyncContacts benchmark — stand-in latency ${LATENCY_MS} ms/request, Node ${process.version}`);
    console.log(`rate limits: stand-in ${SERVER_PER_MINUTE}/min, client ${CLIENT_PER_MINUTE}/min (both loops)\n`);
    printTable(
      ['run', 'customers', 'time', 'per customer', 'requests', 'writes', '429s'],
      [
        ['sequential find→create (baseline)', BASELINE_N, ms(baselineMs), ms(baselinePerCustomer), baselineStats.requests, baselineStats.writes, baselineStats.throttled],
        [`  extrapolated to ${SYNC_N}`, SYNC_N, ms(extrapolatedBaselineMs), ms(baselinePerCustomer), '', '', ''],
        [`syncContacts (concurrency ${CONCURRENCY})`, report.total, ms(syncMs), ms(syncMs / SYNC_N), syncStats.requests, syncStats.writes, syncStats.throttled],
        ['syncContacts, same data again', again.total, ms(againMs), ms(againMs / SYNC_N), againStats.requests, againStats.writes, againStats.throttled],
      ],
    );
    console.log(`\nbaseline measured on ${BASELINE_N} customers and extrapolated linearly (it is sequential: time per customer is flat)`);
    console.log('\nmemory while syncing a streamed async generator (after GC):');
    printTable(
      ['customers done', 'heapUsed', 'rss'],
      memory.map((row) => [row.at, `${row.heapMb.toFixed(1)} MB`, `${row.rssMb.toFixed(1)} MB`]),
    );
    console.log(`report: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, failed ${report.failed.length}`);
    console.log(`second run: created ${again.created}, updated ${again.updated}, unchanged ${again.unchanged}, failed ${again.failed.length}\n`);

    const checks: Array<[string, boolean]> = [
      [`speed-up ≥ 10x (measured ${speedup.toFixed(1)}x)`, speedup >= 10],
      [`zero 429 failures (stand-in answered ${syncStats.throttled + againStats.throttled} 429s, client saw ${throttledSeen}, failed ${report.failed.length + again.failed.length})`,
        syncStats.throttled + againStats.throttled === 0 && report.failed.length === 0 && again.failed.length === 0],
      [`every customer created once (${report.created}/${SYNC_N}, stand-in holds ${syncStats.contacts - baselineStats.contacts} new contacts)`,
        report.created === SYNC_N && syncStats.contacts - baselineStats.contacts === SYNC_N],
      [`second run makes zero writes (${againStats.writes})`, againStats.writes === 0 && again.unchanged === SYNC_N],
      [`heap does not grow with input: ${heapGrowth.toFixed(2)} MB from ${memory[0]?.at} to ${memory.at(-1)?.at} customers (limit ${MAX_HEAP_GROWTH_MB} MB)`,
        memory.length === MEMORY_SAMPLES.length && heapGrowth < MAX_HEAP_GROWTH_MB],
    ];
    for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
    if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    await server.close();
  }
}

/** Customers made on the fly: the input is never an array. Phones are written the way people type them. */
async function* customers(count: number, prefix: string, phoneBase: number): AsyncGenerator<Customer> {
  for (let index = 0; index < count; index++) {
    const digits = String(phoneBase + index).padStart(8, '0');
    yield {
      identifier: `${prefix}-${index}`,
      name: `Customer ${prefix} ${index}`,
      email: `${prefix}-${index}@example.com`,
      phone: `+52 55 ${digits.slice(0, 4)} ${digits.slice(4)}`,
      customAttributes: { plan: index % 3 === 0 ? 'pro' : 'free' },
    };
  }
}

interface StandIn {
  url: string;
  token: string;
  accountId: number;
  stats(): Promise<Stats>;
  close(): Promise<void>;
}

async function startStandIn(): Promise<StandIn> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./sync-fake-chatwoot.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_LATENCY_MS: String(LATENCY_MS), BENCH_SERVER_PER_MINUTE: String(SERVER_PER_MINUTE) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string, timeoutMs = 30_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stand-in did not answer "${type}" in ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
    });
  const ready = await next<{ url: string; token: string; accountId: number }>('ready');
  return {
    ...ready,
    async stats() {
      const answer = next<Stats>('stats');
      child.send({ type: 'stats' });
      return answer;
    },
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function phase(label: string): void {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${label}`);
}

function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

function printTable(header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

await main();

/**
 * verifyWebhook throughput vs Stripe's `webhooks.constructEvent` (issue 4 budget: ≥ 1.0×), on the same body: a
 * realistic Chatwoot `message_created` payload, Rails-escaped. Both sides do the same work: HMAC-SHA256 over
 * "<timestamp>.<body>", a constant-time compare, a tolerance check, JSON.parse (we also check the payload's shape).
 * Short batches of each are interleaved so machine noise hits both alike.
 *
 * Run: pnpm --filter @wootkit/server bench   (or `pnpm bench` at the root)
 */
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { signWebhook, toRailsJson } from '@wootkit/testing';
import { verifyWebhook, verifyWebhookAsync } from '../src/index';
import { payloads } from '../test/webhook.fixtures';

const ROUNDS = 120;
const BATCH = 250;
const SECRET = 'whsec_wootkit_bench_0123456789abcdef';

const body = toRailsJson(payloads.message_created);
const bodyBytes = Buffer.from(body, 'utf8');
const timestamp = Math.floor(Date.now() / 1000);

const chatwoot = signWebhook({ secret: SECRET, body, timestamp });
const chatwootHeaders = { 'x-chatwoot-timestamp': chatwoot.timestamp, 'x-chatwoot-signature': chatwoot.signature };
const stripe = new Stripe('sk_test_wootkit_bench_not_a_key');
const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp });

type Case = { name: string; run: () => unknown };
const ours: Case[] = [
  { name: 'verifyWebhook (string)', run: () => verifyWebhook(body, chatwootHeaders, { secret: SECRET }) },
  { name: 'verifyWebhook (Buffer)', run: () => verifyWebhook(bodyBytes, chatwootHeaders, { secret: SECRET }) },
];
const theirs: Case[] = [
  { name: 'stripe constructEvent (string)', run: () => stripe.webhooks.constructEvent(body, stripeHeader, SECRET, 300) },
  { name: 'stripe constructEvent (Buffer)', run: () => stripe.webhooks.constructEvent(bodyBytes, stripeHeader, SECRET, 300) },
];

// Both must really verify (a bench of a function that throws early would flatter it).
for (const { name, run } of [...ours, ...theirs]) {
  const event = run() as { event?: string; type?: string; id?: unknown };
  if (!event || event.id === undefined) throw new Error(`${name} did not return the event`);
}

/** Times one batch of `count` calls; returns milliseconds. */
function timeBatch(run: () => unknown, count: number): number {
  const started = performance.now();
  for (let i = 0; i < count; i++) run();
  return performance.now() - started;
}

// Warm-up: JIT every case before timing any.
for (const { run } of [...ours, ...theirs]) timeBatch(run, 5_000);

// Many short batches, interleaved in a rotating order, summed per case: on a busy machine a burst of noise then hits
// every case alike instead of one whole round of one case. Bounded: ROUNDS x cases batches of BATCH calls.
const totals = new Map<string, { ms: number; ops: number }>();
const cases = [...ours, ...theirs];
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < cases.length; i++) {
    const { name, run } = cases[(round + i) % cases.length]!;
    const total = totals.get(name) ?? { ms: 0, ops: 0 };
    total.ms += timeBatch(run, BATCH);
    total.ops += BATCH;
    totals.set(name, total);
  }
}

const opsPerSecond = (name: string) => (totals.get(name)!.ops / totals.get(name)!.ms) * 1000;
console.log(`verifyWebhook vs Stripe constructEvent — body ${bodyBytes.byteLength} bytes, ${ROUNDS} interleaved rounds x ${BATCH} calls per case`);
for (const name of totals.keys()) console.log(`  ${name.padEnd(34)} ${Math.round(opsPerSecond(name)).toLocaleString('en-US').padStart(10)} ops/s`);
let worst = Infinity;
for (const kind of ['string', 'Buffer']) {
  const ratio = opsPerSecond(`verifyWebhook (${kind})`) / opsPerSecond(`stripe constructEvent (${kind})`);
  worst = Math.min(worst, ratio);
  console.log(`  ratio (${kind}): ${ratio.toFixed(2)}x Stripe`);
}
console.log(`verifyWebhook budget (>= 1.00x Stripe): ${worst >= 1 ? 'PASS' : 'MISS'} (worst ratio ${worst.toFixed(2)}x)`);

// The Web-standard entry (`@wootkit/server/webhooks`) verifies on Web Crypto, which is asynchronous: compare it with
// Stripe's Web Crypto path, `constructEventAsync` with its SubtleCrypto provider, on the same body. Each call is
// awaited, so this measures latency-bound throughput, as a Worker or Edge route sees it.
const subtleProvider = Stripe.createSubtleCryptoProvider();
const oursAsync: AsyncCase[] = [
  { name: 'verifyWebhookAsync (string)', run: () => verifyWebhookAsync(body, chatwootHeaders, { secret: SECRET }) },
  { name: 'verifyWebhookAsync (Uint8Array)', run: () => verifyWebhookAsync(bodyBytes, chatwootHeaders, { secret: SECRET }) },
];
const theirsAsync: AsyncCase[] = [
  { name: 'stripe constructEventAsync (string)', run: () => stripe.webhooks.constructEventAsync(body, stripeHeader, SECRET, 300, subtleProvider) },
  { name: 'stripe constructEventAsync (Uint8Array)', run: () => stripe.webhooks.constructEventAsync(bodyBytes, stripeHeader, SECRET, 300, subtleProvider) },
];
type AsyncCase = { name: string; run: () => Promise<unknown> };

async function timeAsyncBatch(run: () => Promise<unknown>, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await run();
  return performance.now() - started;
}

for (const { name, run } of [...oursAsync, ...theirsAsync]) {
  const event = (await run()) as { id?: unknown };
  if (!event || event.id === undefined) throw new Error(`${name} did not return the event`);
  await timeAsyncBatch(run, 2_000);
}
const asyncCases = [...oursAsync, ...theirsAsync];
const asyncTotals = new Map<string, { ms: number; ops: number }>();
const ASYNC_ROUNDS = 40;
for (let round = 0; round < ASYNC_ROUNDS; round++) {
  for (let i = 0; i < asyncCases.length; i++) {
    const { name, run } = asyncCases[(round + i) % asyncCases.length]!;
    const total = asyncTotals.get(name) ?? { ms: 0, ops: 0 };
    total.ms += await timeAsyncBatch(run, BATCH);
    total.ops += BATCH;
    asyncTotals.set(name, total);
  }
}
const asyncOpsPerSecond = (name: string) => (asyncTotals.get(name)!.ops / asyncTotals.get(name)!.ms) * 1000;
console.log(`verifyWebhookAsync (Web Crypto) vs Stripe constructEventAsync — ${ASYNC_ROUNDS} interleaved rounds x ${BATCH} awaited calls per case`);
for (const name of asyncTotals.keys()) console.log(`  ${name.padEnd(40)} ${Math.round(asyncOpsPerSecond(name)).toLocaleString('en-US').padStart(10)} ops/s`);
let worstAsync = Infinity;
for (const kind of ['string', 'Uint8Array']) {
  const ratio = asyncOpsPerSecond(`verifyWebhookAsync (${kind})`) / asyncOpsPerSecond(`stripe constructEventAsync (${kind})`);
  worstAsync = Math.min(worstAsync, ratio);
  console.log(`  ratio (${kind}): ${ratio.toFixed(2)}x Stripe`);
}
const nodeVsWeb = opsPerSecond('verifyWebhook (string)') / asyncOpsPerSecond('verifyWebhookAsync (string)');
console.log(`  on Node, the node:crypto verifyWebhook does ${nodeVsWeb.toFixed(2)}x the calls of verifyWebhookAsync: prefer it there`);
console.log(`verifyWebhookAsync budget (>= 1.00x Stripe's async path): ${worstAsync >= 1 ? 'PASS' : 'MISS'} (worst ratio ${worstAsync.toFixed(2)}x)`);

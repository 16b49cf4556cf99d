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
import { verifyWebhook } from '../src/index';
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

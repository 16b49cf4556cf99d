/**
 * verifyWebhook throughput vs Stripe's `webhooks.constructEvent` (issue 4 budget: ≥ 1.0×), on the same body: a
 * realistic Chatwoot `message_created` payload, Rails-escaped. Both sides do the same work: HMAC-SHA256 over
 * "<timestamp>.<body>", a constant-time compare, a tolerance check, JSON.parse (we also check the payload's shape).
 * Rounds alternate between the two so machine noise hits both alike; the median round counts.
 *
 * Run: pnpm --filter @wootkit/server bench   (or `pnpm bench` at the root)
 */
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { signWebhook, toRailsJson } from '@wootkit/testing';
import { verifyWebhook } from '../src/index';
import { payloads } from '../test/webhook.fixtures';

const ROUNDS = 7;
const ROUND_MS = 400;
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

/** Calls `run` in batches for about `ms`; returns operations per second. Bounded by time and by count. */
function measure(run: () => unknown, ms: number): number {
  const batch = 200;
  let operations = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms && operations < 50_000_000) {
    for (let i = 0; i < batch; i++) run();
    operations += batch;
    elapsed = performance.now() - started;
  }
  return (operations / elapsed) * 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const { run } of [...ours, ...theirs]) measure(run, 200); // warm-up: JIT both before timing either

const results = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? [...ours, ...theirs] : [...theirs, ...ours];
  for (const { name, run } of order) {
    const list = results.get(name) ?? [];
    list.push(measure(run, ROUND_MS));
    results.set(name, list);
  }
}

const opsPerSecond = (name: string) => median(results.get(name)!);
console.log(`verifyWebhook vs Stripe constructEvent — body ${bodyBytes.byteLength} bytes, ${ROUNDS} rounds x ${ROUND_MS} ms, median`);
for (const name of results.keys()) console.log(`  ${name.padEnd(34)} ${Math.round(opsPerSecond(name)).toLocaleString('en-US').padStart(10)} ops/s`);
let worst = Infinity;
for (const kind of ['string', 'Buffer']) {
  const ratio = opsPerSecond(`verifyWebhook (${kind})`) / opsPerSecond(`stripe constructEvent (${kind})`);
  worst = Math.min(worst, ratio);
  console.log(`  ratio (${kind}): ${ratio.toFixed(2)}x Stripe`);
}
console.log(`verifyWebhook budget (>= 1.00x Stripe): ${worst >= 1 ? 'PASS' : 'MISS'} (worst ratio ${worst.toFixed(2)}x)`);

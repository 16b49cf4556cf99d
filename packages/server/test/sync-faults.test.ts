import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatwootError, createChatwootClient, syncContacts, type Customer } from '../src/index';

// Issue 6, fault test: 500s, 429s, timeouts and dropped connections on about 20% of requests.
const CUSTOMERS = 2_000;

let fake: FakeChatwoot;

beforeEach(async () => {
  fake = await startFakeChatwoot({ api: { timeoutHoldMs: 3_000 } });
});
afterEach(async () => {
  await fake.close();
});

async function* customers(): AsyncGenerator<Customer> {
  for (let index = 0; index < CUSTOMERS; index++) {
    const digits = String(30_000_000 + index);
    yield {
      identifier: `fault-${index}`,
      name: `Customer ${index}`,
      email: `fault-${index}@example.com`,
      phone: `+52 55 ${digits.slice(0, 4)} ${digits.slice(4)}`,
    };
  }
}

describe('syncContacts under injected faults', () => {
  it(
    'accounts for every one of 2,000 customers with ~20% of requests failing, and never duplicates a contact',
    async () => {
      fake.api.configure({
        faults: [
          { kind: '500', rate: 0.055 },
          { kind: '429', rate: 0.055 },
          // Timeouts and drops both before Chatwoot processed the request and after (the answer is lost).
          { kind: 'timeout', rate: 0.03 },
          { kind: 'drop', rate: 0.03 },
          { kind: 'timeout', rate: 0.03, phase: 'after' },
          { kind: 'drop', rate: 0.03, phase: 'after' },
        ],
      });
      const client = createChatwootClient({
        baseUrl: fake.url,
        apiAccessToken: fake.api.tokens.admin,
        accountId: fake.api.accountId,
        timeoutMs: 1_500,
        retry: { limit: 8, baseDelayMs: 10, maxDelayMs: 200 },
        rateLimit: { requestsPerMinute: 100_000 },
      });

      const report = await syncContacts(client, customers(), { concurrency: 16 });

      // Every customer accounted for exactly once.
      expect(report.total).toBe(CUSTOMERS);
      expect(report.created + report.updated + report.unchanged + report.failed.length).toBe(CUSTOMERS);
      for (const failure of report.failed) {
        expect(failure.error).toBeInstanceOf(ChatwootError);
        expect((failure.error as ChatwootError).code).toMatch(/^[a-z_]+$/);
      }
      const requests = fake.api.requests();
      const faulted = requests.filter((request) => request.fault !== undefined).length / requests.length;
      expect(faulted).toBeGreaterThan(0.15);
      expect(faulted).toBeLessThan(0.25);

      // No duplicate: one contact per identifier, email and phone.
      const contacts = fake.api.contacts();
      for (const key of ['identifier', 'email', 'phone_number'] as const) {
        expect(new Set(contacts.map((contact) => contact[key])).size).toBe(contacts.length);
      }
      // Created means it is in Chatwoot; a failed create may or may not have landed, but only once.
      expect(contacts.length).toBeGreaterThanOrEqual(report.created);
      expect(contacts.length).toBeLessThanOrEqual(CUSTOMERS);

      // Once Chatwoot is healthy again, a re-run completes the job without duplicates.
      fake.api.configure({ faults: [] });
      const rerun = await syncContacts(client, customers(), { concurrency: 16 });
      expect(rerun).toMatchObject({ total: CUSTOMERS, failed: [] });
      expect(rerun.created + rerun.unchanged + rerun.updated).toBe(CUSTOMERS);
      expect(fake.api.contacts()).toHaveLength(CUSTOMERS);
      console.log(
        `fault sync: ${(faulted * 100).toFixed(1)}% of ${requests.length} requests faulted; ` +
          `created ${report.created}, failed ${report.failed.length} (${[...new Set(report.failed.map((f) => (f.error as ChatwootError).code))].join(', ') || 'none'}); ` +
          `re-run created ${rerun.created}, unchanged ${rerun.unchanged}`,
      );
    },
    300_000,
  );
});

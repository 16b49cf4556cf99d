import type { FakeApiFault, FakeApiFaultKind, FakeApiLatency } from './types';

/** rack_attack's fixed one-minute windows: a counter per key per clock minute. */
export class MinuteCounter {
  private window = -1;
  private counts = new Map<string, number>();

  /** Counts one hit for `key`; returns true when it is within `limit` for this minute. */
  hit(key: string, limit: number, nowMs: number): boolean {
    const window = Math.floor(nowMs / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= limit;
  }
}

/** Picks the fault (if any) for a request; rules with `times` count down. */
export function pickFault(
  faults: FakeApiFault[],
  used: Map<FakeApiFault, number>,
  routeKey: string,
  random: () => number,
  phase: 'before' | 'after',
): FakeApiFaultKind | undefined {
  for (const fault of faults) {
    if ((fault.phase ?? 'before') !== phase) continue;
    if (fault.route !== undefined) {
      const hit = typeof fault.route === 'string' ? routeKey.startsWith(fault.route) : fault.route.test(routeKey);
      if (!hit) continue;
    }
    const count = used.get(fault) ?? 0;
    if (fault.times !== undefined && count >= fault.times) continue;
    if (random() >= (fault.rate ?? 1)) continue;
    used.set(fault, count + 1);
    return fault.kind;
  }
  return undefined;
}

export function latencyMs(latency: FakeApiLatency | undefined, random: () => number): number {
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return latency;
  return latency.minMs + random() * (latency.maxMs - latency.minMs);
}

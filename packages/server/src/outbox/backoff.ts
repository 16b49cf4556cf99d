import type { OutboxBackoff } from './types';

/**
 * Delay before the retry that follows failed attempt `attempt` (1-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so two workers that failed together do not hammer Chatwoot together again.
 */
export function backoffDelay(backoff: OutboxBackoff | undefined, attempt: number, random: () => number): number {
  if (typeof backoff === 'function') return Math.max(0, Math.round(backoff(attempt)));
  const baseMs = backoff?.baseMs ?? 1000;
  const maxMs = backoff?.maxMs ?? 300_000;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

import { StoreError } from './StoreError';

/** Argument checks shared by every store, so both implementations reject the same inputs the same way. */
export function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new StoreError('store_invalid_argument', `${name} must be a safe integer, got ${String(value)}.`);
  }
}

export function assertTtl(ms: number, name = 'ttlMs'): void {
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new StoreError('store_invalid_argument', `${name} must be a positive integer of milliseconds, got ${String(ms)}.`);
  }
}

export function assertDelay(ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new StoreError('store_invalid_argument', `delayMs must be a non-negative integer of milliseconds, got ${String(ms)}.`);
  }
}

import { ChatwootApiError } from '../errors/ChatwootApiError';
import { ChatwootError } from '../errors/ChatwootError';
import { ChatwootNetworkError } from '../errors/ChatwootNetworkError';
import { ChatwootTimeoutError } from '../errors/ChatwootTimeoutError';
import type { OutboxFailure } from './types';

/**
 * Whether trying again later can help: Chatwoot unreachable, a timeout, a 5xx, a 429, or the store being down. A
 * 4xx other than 429 (bad token, unknown inbox, invalid phone, validation) will fail the same way every time.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof ChatwootApiError) return error.status === 429 || error.status === 408 || error.status >= 500;
  if (error instanceof ChatwootTimeoutError || error instanceof ChatwootNetworkError) return true;
  if (error instanceof ChatwootError) {
    return error.code.startsWith('store_') || error.code === 'outbox_post_pending';
  }
  // Not one of ours (a bug, a fetch polyfill's error): retry, bounded by maxAttempts.
  return true;
}

/** The reason kept in the status record: code, message and status, never headers. */
export function toFailure(error: unknown): OutboxFailure {
  if (error instanceof ChatwootApiError) return { code: error.code, message: error.message, status: error.status };
  if (error instanceof ChatwootError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'unexpected_error', message: `${error.name}: ${error.message}` };
  return { code: 'unexpected_error', message: String(error) };
}

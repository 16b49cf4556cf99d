import type { Profile } from '../types/profile';
import type { Transport } from './transport';

/** The token's own user. */
export interface ProfileResource {
  /**
   * `GET /api/v1/profile`: the token's user and its accounts. The cheapest way to check a token: a bad or agent-bot
   * token rejects with a 401 {@link ChatwootApiError}.
   */
  get(options?: RequestOptions): Promise<Profile>;
}

/** Per-call options every resource method takes last. */
export interface RequestOptions {
  /** Aborts the call (and its retries and rate-limit wait). */
  signal?: AbortSignal;
}

export function createProfileResource(send: Transport): ProfileResource {
  return {
    get: (options) => send<Profile>({ method: 'GET', path: 'profile', signal: options?.signal }),
  };
}

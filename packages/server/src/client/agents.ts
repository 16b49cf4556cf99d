import type { Agent } from '../types/agent';
import type { RequestOptions } from './profile';
import type { Transport } from './transport';

/** The account's agents. */
export interface AgentsResource {
  /** Every agent with `availability_status` (online / busy / offline). */
  list(options?: RequestOptions): Promise<Agent[]>;
}

export function createAgentsResource(send: Transport, accountId: number): AgentsResource {
  return {
    list: (options) => send<Agent[]>({ method: 'GET', path: `accounts/${accountId}/agents`, signal: options?.signal }),
  };
}

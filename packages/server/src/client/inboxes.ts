import type { Inbox } from '../types/inbox';
import type { RequestOptions } from './profile';
import type { Transport } from './transport';

/** The account's inboxes (channels). */
export interface InboxesResource {
  /** Every inbox the token's user can see. */
  list(options?: RequestOptions): Promise<Inbox[]>;
  /** One inbox by id. */
  get(id: number, options?: RequestOptions): Promise<Inbox>;
}

export function createInboxesResource(send: Transport, accountId: number): InboxesResource {
  const base = `accounts/${accountId}/inboxes`;
  return {
    list: async (options) => (await send<{ payload: Inbox[] }>({ method: 'GET', path: base, signal: options?.signal })).payload,
    get: (id, options) => send<Inbox>({ method: 'GET', path: `${base}/${id}`, signal: options?.signal }),
  };
}

import type { Inbox, InboxUpdateInput } from '../types/inbox';
import type { RequestOptions } from './profile';
import type { Transport } from './transport';

/** The account's inboxes (channels). */
export interface InboxesResource {
  /** Every inbox the token's user can see. */
  list(options?: RequestOptions): Promise<Inbox[]>;
  /** One inbox by id. */
  get(id: number, options?: RequestOptions): Promise<Inbox>;
  /**
   * Changes an inbox (administrators only), e.g. `{ channel: { webhook_url } }` for an API inbox's own webhook. The
   * answer is the inbox as an administrator sees it (an API channel's `secret` included).
   */
  update(id: number, input: InboxUpdateInput, options?: RequestOptions): Promise<Inbox>;
}

export function createInboxesResource(send: Transport, accountId: number): InboxesResource {
  const base = `accounts/${accountId}/inboxes`;
  return {
    list: async (options) => (await send<{ payload: Inbox[] }>({ method: 'GET', path: base, signal: options?.signal })).payload,
    get: (id, options) => send<Inbox>({ method: 'GET', path: `${base}/${id}`, signal: options?.signal }),
    update: (id, input, options) => send<Inbox>({ method: 'PATCH', path: `${base}/${id}`, json: input, signal: options?.signal }),
  };
}

import type { ChatwootClient } from '../client/createChatwootClient';
import { MAX_PAGES } from '../client/paginate';
import type { Message } from '../types/message';
import type { HistoryMessage } from './HistoryMessage';
import { toHistoryMessage } from './toHistoryMessage';

/** Options of {@link conversationHistory}. */
export interface ConversationHistoryOptions {
  /**
   * Chatwoot only pages messages backwards (20 at a time, newest page first), so yielding oldest first means
   * reaching the oldest page before the first yield. By default the walk keeps every message (in the small
   * `HistoryMessage` shape, about 0.3 KB each: ~3 MB for 10,000 messages) and costs one request per 20 messages.
   * With `lowMemory: true` it keeps only one cursor per page and fetches every page twice: twice the requests,
   * memory independent of the conversation's length. Use it for very long conversations.
   */
  lowMemory?: boolean;
  signal?: AbortSignal;
}

type MessagesClient = Pick<ChatwootClient, 'messages'>;

/**
 * Every message of a conversation (by display_id), **oldest first**, as `{ id, role, content, at, private,
 * sender?, attachments? }`. Roles: `contact` (incoming), `agent` (sent by a user), `bot` (an agent bot or an
 * automation with no sender), `system` (activity messages such as "resolved by …"). Private notes are included
 * with `private: true`; filter them out before showing a transcript to the contact.
 *
 * The history is the one at the first request: messages posted while iterating are not included.
 *
 * ```ts
 * for await (const message of conversationHistory(chatwoot, 42)) console.log(message.role, message.content);
 * ```
 */
export async function* conversationHistory(
  client: MessagesClient,
  conversationId: number,
  options: ConversationHistoryOptions = {},
): AsyncGenerator<HistoryMessage, void, undefined> {
  if (options.lowMemory) {
    yield* replayPages(client, conversationId, options.signal);
    return;
  }
  const pages: HistoryMessage[][] = [];
  for await (const page of pagesNewestFirst(client, conversationId, options.signal)) {
    pages.push(page.messages.map(toHistoryMessage));
  }
  for (let index = pages.length - 1; index >= 0; index--) {
    const page = pages[index]!;
    pages[index] = []; // let yielded pages go
    yield* page;
  }
}

interface Page {
  /** The `before` cursor this page was fetched with (undefined = the latest page). */
  before: number | undefined;
  messages: Message[];
}

/** Walks back from the latest page with `before` until Chatwoot answers an empty page. */
async function* pagesNewestFirst(
  client: MessagesClient,
  conversationId: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Page, void, undefined> {
  let before: number | undefined;
  for (let count = 0; count < MAX_PAGES; count++) {
    const { payload } = await client.messages.list(conversationId, { before }, signal ? { signal } : {});
    if (payload.length === 0) return;
    yield { before, messages: payload };
    const oldest = Math.min(...payload.map((message) => message.id));
    // A server that ignored `before` would hand back the same page forever.
    if (before !== undefined && oldest >= before) return;
    before = oldest;
  }
}

/** The low-memory walk: remember each page's cursor going back, then fetch the pages again going forward. */
async function* replayPages(
  client: MessagesClient,
  conversationId: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<HistoryMessage, void, undefined> {
  const cursors: Array<number | undefined> = [];
  let newestId: number | undefined;
  for await (const page of pagesNewestFirst(client, conversationId, signal)) {
    if (page.before === undefined) newestId = Math.max(...page.messages.map((message) => message.id));
    cursors.push(page.before);
  }
  let lastYielded = -Infinity;
  for (let index = cursors.length - 1; index >= 0; index--) {
    // The latest page is re-read as "up to the newest message seen", so later messages do not shift it.
    const before = cursors[index] ?? (newestId === undefined ? undefined : newestId + 1);
    const { payload } = await client.messages.list(conversationId, { before }, signal ? { signal } : {});
    for (const message of payload) {
      // A message deleted between the passes shifts page edges: never yield one twice.
      if (message.id <= lastYielded) continue;
      lastYielded = message.id;
      yield toHistoryMessage(message);
    }
  }
}

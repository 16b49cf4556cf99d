'use client';
import { useChatwoot, useChatwootUser } from '@wootkit/hooks/react';
import Link from 'next/link';

/** In a real app this comes from your auth (with the `identifier_hash` your server computed). */
const visitor = { identifier: 'next-visitor-1', name: 'Ada Lovelace', email: 'ada@example.com' };

/** A client page: identifies the visitor and shows the chat's state in the page's own UI. */
export default function Home() {
  useChatwootUser(visitor);
  const { status, unreadCount, openChat } = useChatwoot();
  return (
    <main>
      <h1>Home</h1>
      <p data-testid="status">chat: {status}</p>
      <button type="button" onClick={openChat}>
        Help{unreadCount > 0 && ` (${unreadCount})`}
      </button>
      <nav>
        <Link href="/about">About</Link>
      </nav>
    </main>
  );
}

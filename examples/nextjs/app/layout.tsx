import { ChatwootProvider } from '@wootkit/hooks/react';
import type { ReactNode } from 'react';
import { chatwoot } from './chatwoot';

export const metadata = { title: 'wootkit + Next.js App Router' };

/**
 * A server component: no "use client" here. `@wootkit/hooks/react` is client code by itself, so the provider can be
 * rendered straight from the root layout, and the widget stays loaded across every route below it.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ChatwootProvider options={chatwoot}>{children}</ChatwootProvider>
      </body>
    </html>
  );
}

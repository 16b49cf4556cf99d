import { ChatwootProvider, useChatwoot, useChatwootUser, type ChatwootUserInput } from '@wootkit/hooks/preact';
import { useState } from 'preact/hooks';
import { fetchChatwootIdentity } from './identity';

const chatwoot = {
  baseUrl: import.meta.env.VITE_CHATWOOT_BASE_URL,
  websiteToken: import.meta.env.VITE_CHATWOOT_WEBSITE_TOKEN,
};

/** The page's own Help button: opens the chat and shows the unread count next to it. */
function HelpButton() {
  const { openChat, unreadCount } = useChatwoot();
  return (
    <button type="button" class="help" onClick={openChat}>
      Help
      {unreadCount > 0 && (
        <span class="badge" data-testid="unread" aria-label={`${unreadCount} unread`}>
          {unreadCount}
        </span>
      )}
    </button>
  );
}

/** Login and logout: the chat follows (identified at login, a fresh anonymous visitor at logout). */
function Account() {
  const [user, setUser] = useState<ChatwootUserInput | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useChatwootUser(user);

  const logIn = () => {
    setProblem(null);
    fetchChatwootIdentity().then(setUser, (error: Error) => setProblem(error.message));
  };
  if (user) {
    return (
      <>
        <span data-testid="who">Signed in as {user.name}</span>
        <button type="button" onClick={() => setUser(null)}>
          Log out
        </button>
      </>
    );
  }
  return (
    <>
      {problem && <span role="alert">{problem}</span>}
      <button type="button" onClick={logIn}>
        Log in
      </button>
    </>
  );
}

function ChatStatus() {
  const { status, error } = useChatwoot();
  return (
    <p class="status" data-testid="status">
      chat: {status}
      {error && ` (${error.code})`}
    </p>
  );
}

export function App() {
  return (
    <ChatwootProvider options={chatwoot}>
      <header>
        <h1>Preact shop</h1>
        <Account />
        <HelpButton />
      </header>
      <main>
        <p>Questions about an order? The Help button opens the chat; replies show up as a badge while it is closed.</p>
        <ChatStatus />
      </main>
    </ChatwootProvider>
  );
}

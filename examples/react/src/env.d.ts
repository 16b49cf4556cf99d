/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Your Chatwoot, e.g. `https://chat.example.com` (the dev script points it at the local stand-in). */
  readonly VITE_CHATWOOT_BASE_URL: string;
  /** The website inbox's token. */
  readonly VITE_CHATWOOT_WEBSITE_TOKEN: string;
}

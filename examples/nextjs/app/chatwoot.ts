/**
 * The inbox the example talks to. Read on the server (the layout is a server component) when the page is built:
 * a website token is public, it is in every page of a site that embeds Chatwoot.
 */
export const chatwoot = {
  baseUrl: process.env.CHATWOOT_BASE_URL ?? 'http://127.0.0.1:3000',
  websiteToken: process.env.CHATWOOT_WEBSITE_TOKEN ?? 'YOUR_WEBSITE_TOKEN',
};

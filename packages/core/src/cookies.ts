/**
 * Chatwoot keeps the visitor in two cookies: `cw_conversation` (the widget's auth token) and `cw_user_<token>` (a
 * hash of the last `setUser`). Its `reset()` deletes them without the `baseDomain` domain, so with `baseDomain` set
 * they survive and the "logged out" visitor comes back. We delete both forms.
 */
export function clearVisitorCookies(websiteToken: string, baseDomain = ''): void {
  for (const name of ['cw_conversation', 'cw_user_' + websiteToken]) {
    for (const domain of ['', baseDomain && ';domain=' + baseDomain]) {
      document.cookie = name + '=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/' + domain;
    }
  }
}

/**
 * @vitest-environment happy-dom
 * @vitest-environment-options {"url": "http://shop.wootkit.test/"}
 */
// reset() must log the visitor out also when Chatwoot wrote its cookies under `baseDomain` (a named host is needed:
// on a bare IP every cookie is host-only).
import { expect, it } from 'vitest';
import { clearVisitorCookies } from '../src/cookies';

it('deletes cw_conversation and cw_user_<token> with and without the base domain', () => {
  const write = () => {
    document.cookie = 'cw_conversation=old-jwt;domain=wootkit.test;path=/';
    document.cookie = 'cw_user_tok=old-hash;domain=wootkit.test;path=/';
    document.cookie = 'cw_conversation=host-jwt;path=/';
    document.cookie = 'other=kept;path=/';
  };
  write();
  // What Chatwoot's own reset() does: delete without the domain. The base-domain cookies survive it.
  document.cookie = 'cw_conversation=;max-age=0;path=/';
  document.cookie = 'cw_user_tok=;max-age=0;path=/';
  expect(document.cookie).toContain('cw_conversation=old-jwt');
  expect(document.cookie).toContain('cw_user_tok=old-hash');

  write();
  clearVisitorCookies('tok', 'wootkit.test');
  expect(document.cookie).toBe('other=kept');
});

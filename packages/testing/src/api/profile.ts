import type { FakeDb } from './db';
import type { FakeAgentRecord } from './types';

/** api/v1/profiles/show: the token's user with its accounts. */
export function presentProfile(db: FakeDb, user: FakeAgentRecord) {
  const accounts = [...db.accounts.values()]
    .filter((account) => account.members.has(user.id))
    .map((account) => ({
      id: account.id,
      name: account.name,
      status: 'active',
      active_at: null,
      role: account.members.get(user.id)!,
      permissions: account.members.get(user.id) === 'administrator' ? ['administrator'] : ['agent'],
      availability: user.availability_status,
      availability_status: user.availability_status,
      auto_offline: true,
      custom_role_id: null,
      custom_role: null,
    }));
  return {
    id: user.id,
    access_token: user.access_token,
    account_id: accounts[0]?.id ?? null,
    available_name: user.name,
    avatar_url: '',
    confirmed: true,
    display_name: null,
    message_signature: null,
    email: user.email,
    hmac_identifier: '',
    inviter_id: null,
    name: user.name,
    provider: 'email',
    pubsub_token: `pubsub-user-${user.id}`,
    role: accounts[0]?.role ?? 'agent',
    ui_settings: {},
    uid: user.email,
    type: 'User',
    custom_attributes: {},
    accounts,
  };
}

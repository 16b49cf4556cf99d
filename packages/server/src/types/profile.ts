/** One account the token's user belongs to. */
export interface ProfileAccount {
  id: number;
  name: string;
  role: 'agent' | 'administrator';
  status?: string;
  [key: string]: unknown;
}

/** The token's user (`GET /api/v1/profile`): the cheapest "is this token valid" probe. */
export interface Profile {
  id: number;
  name: string;
  email: string;
  available_name?: string;
  display_name?: string | null;
  role?: string;
  type?: string | null;
  confirmed?: boolean;
  avatar_url?: string;
  accounts: ProfileAccount[];
  [key: string]: unknown;
}

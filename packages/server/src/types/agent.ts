/** Presence of an agent. */
export type AvailabilityStatus = 'online' | 'busy' | 'offline';

/** An agent of the account (`GET /agents` returns a bare array of these). */
export interface Agent {
  id: number;
  account_id: number;
  name: string;
  available_name: string;
  email: string;
  role: 'agent' | 'administrator';
  availability_status: AvailabilityStatus;
  auto_offline: boolean;
  confirmed: boolean;
  thumbnail: string;
  custom_role_id?: number | null;
}

// The Action Cable wire protocol as Rails' server speaks it to Chatwoot's clients (subprotocol
// `actioncable-v1-json`; Rails' actioncable/lib/action_cable/connection/base.rb and subscriptions.rb).

export const CABLE_PROTOCOL = 'actioncable-v1-json';

/** Rails' ActionCable::Server::Connections::BEAT_INTERVAL: a ping every 3 s, `message` in unix seconds. */
export const PING_INTERVAL_MS = 3000;

export interface CableCommand {
  command: string;
  identifier: string;
  data?: string;
}

/**
 * Reads one client frame. Rails decodes it with JSON and dispatches on `command`; a frame that is not JSON or has an
 * unknown command is logged and ignored (no answer), so `null` here means "say nothing".
 */
export function parseCommand(raw: string): CableCommand | null {
  try {
    const value = JSON.parse(raw) as Partial<CableCommand>;
    if (!value || typeof value !== 'object' || typeof value.command !== 'string' || typeof value.identifier !== 'string') return null;
    return { command: value.command, identifier: value.identifier, data: typeof value.data === 'string' ? value.data : undefined };
  } catch {
    return null;
  }
}

export const welcomeFrame = () => JSON.stringify({ type: 'welcome' });
export const pingFrame = (nowMs: number) => JSON.stringify({ type: 'ping', message: Math.floor(nowMs / 1000) });
export const confirmFrame = (identifier: string) => JSON.stringify({ identifier, type: 'confirm_subscription' });
export const broadcastFrame = (identifier: string, message: unknown) => JSON.stringify({ identifier, message });

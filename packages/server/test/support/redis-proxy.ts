import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a test's redis-server that reads the Redis commands going through it, so a test
 * can stop traffic at one exact command instead of guessing with sleeps: "Redis died after it answered the first
 * command of a call and before it got the second".
 */
export interface RedisProxy {
  url: string;
  port: number;
  /**
   * Arms a stop at the first command `match` accepts (its arguments as text, the command name first):
   * - `'request'`: that command is never forwarded, nor anything after it on that connection;
   * - `'reply'`: it is forwarded, and Redis's answer (and everything after it) is kept from the client.
   * Resolves with the command's arguments once it is stopped (for `'reply'`: once Redis answered, so it did run).
   */
  stopAt(match: (args: string[]) => boolean, where: 'request' | 'reply'): Promise<string[]>;
  /**
   * Arms a hold at the first command `match` accepts: it, and everything after it on that connection, waits here
   * until `release()` sends it all on to Redis — a command that stalls and then runs late, after the client gave up.
   */
  holdAt(match: (args: string[]) => boolean): Promise<{ args: string[]; release(): void }>;
  /** Closes the listener and every connection. */
  close(): Promise<void>;
}

interface Armed {
  match: (args: string[]) => boolean;
  where: 'request' | 'reply' | 'hold';
  resolve: (args: string[], release?: () => void) => void;
}

export async function startRedisProxy(targetPort: number): Promise<RedisProxy> {
  const sockets = new Set<net.Socket>();
  let armed: Armed | undefined;

  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    // 'open' forwards both ways; 'stopped' forwards nothing more; 'awaiting-reply' drops the next answer and stops;
    // 'held' keeps what the client sends until released.
    let state: 'open' | 'awaiting-reply' | 'stopped' | 'held' = 'open';
    let heldBytes: Buffer[] = [];
    let pending = Buffer.alloc(0);
    let onReply: (() => void) | undefined;

    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);

    client.on('data', (chunk: Buffer) => {
      if (state === 'held') {
        heldBytes.push(chunk);
        return;
      }
      if (state !== 'open') return;
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const command = parseCommand(pending);
        if (!command) return; // incomplete: wait for more bytes
        const bytes = pending.subarray(0, command.length);
        pending = pending.subarray(command.length);
        const trigger = armed;
        if (trigger && trigger.match(command.args)) {
          armed = undefined;
          if (trigger.where === 'hold') {
            state = 'held';
            heldBytes = [bytes, pending];
            pending = Buffer.alloc(0);
            trigger.resolve(command.args, () => {
              state = 'open';
              for (const held of heldBytes.splice(0)) upstream.write(held);
            });
            return;
          }
          if (trigger.where === 'request') {
            state = 'stopped';
            pending = Buffer.alloc(0);
            trigger.resolve(command.args);
            return;
          }
          state = 'awaiting-reply';
          onReply = () => trigger.resolve(command.args);
          upstream.write(bytes);
          return;
        }
        upstream.write(bytes);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (state === 'open') {
        client.write(chunk);
        return;
      }
      if (state === 'awaiting-reply') {
        state = 'stopped';
        onReply?.();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stopAt(match, where) {
      if (armed) throw new Error('redis proxy: a stop is already armed');
      return new Promise((resolve) => {
        armed = { match, where, resolve };
      });
    },
    holdAt(match) {
      if (armed) throw new Error('redis proxy: a stop is already armed');
      return new Promise((resolve) => {
        armed = { match, where: 'hold', resolve: (args, release) => resolve({ args, release: release! }) };
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One command in RESP as clients send it (`*<n>\r\n` then n times `$<len>\r\n<bytes>\r\n`): its arguments and its
 * length in bytes, or null while incomplete. Anything else (inline commands, which ioredis never sends) is passed on
 * as one opaque command.
 */
function parseCommand(buffer: Buffer): { args: string[]; length: number } | null {
  if (buffer.length === 0) return null;
  if (buffer[0] !== 0x2a /* '*' */) {
    const newline = buffer.indexOf('\r\n');
    return newline === -1 ? null : { args: [], length: newline + 2 };
  }
  let offset = 0;
  const line = (): number | null => {
    const newline = buffer.indexOf('\r\n', offset);
    if (newline === -1) return null;
    const value = Number(buffer.subarray(offset + 1, newline).toString('latin1'));
    offset = newline + 2;
    return value;
  };
  const count = line();
  if (count === null) return null;
  const args: string[] = [];
  for (let index = 0; index < count; index++) {
    const size = line();
    if (size === null || buffer.length < offset + size + 2) return null;
    args.push(buffer.subarray(offset, offset + size).toString('utf8'));
    offset += size + 2;
  }
  return { args, length: offset };
}

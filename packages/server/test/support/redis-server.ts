import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real redis-server started by a test on 127.0.0.1, with persistence off unless asked for. */
export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
  /** Kills the server with SIGKILL, as a crash would (no shutdown, no final save); the data directory stays. */
  kill(): Promise<void>;
  /**
   * Starts redis-server again on the same port and data directory after `kill()`: with `persistent`, every write it
   * acknowledged before the crash is back; without, it starts empty.
   */
  restart(): Promise<void>;
}

export interface StartRedisOptions {
  /** Restart a server where it was. */
  port?: number;
  /**
   * An append-only file synced on every write (`appendfsync always`), so a server killed with SIGKILL comes back
   * with everything it had acknowledged: what a crash test needs to tell "lost" from "never written".
   */
  persistent?: boolean;
}

const START_TIMEOUT_MS = 5_000;

/** Servers still running; killed when the test process exits, even if a test forgot `stop()` or crashed. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Fails loudly (never skips) when redis-server is missing: CI installs it with scripts/setup.sh. */
export function assertRedisInstalled(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'redis-server is not installed, and the Redis store tests need a real one: run `bash scripts/setup.sh` ' +
        '(or `apt-get install redis-server`).',
    );
  }
}

/** A port nobody listens on right now (another process may still take it before us, so callers retry). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts redis-server on a free loopback port, or on `options.port` (to restart a server where it was);
 * `extraArgs` e.g. `['--cluster-enabled', 'yes']`.
 */
export async function startRedisServer(extraArgs: string[] = [], options: StartRedisOptions = {}): Promise<RedisServer> {
  assertRedisInstalled();
  const args = options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always', ...extraArgs] : extraArgs;
  if (options.port !== undefined) return serverOn(options.port, args);
  const attempts = 5;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = await freePort();
    try {
      return await serverOn(port, args);
    } catch (error) {
      lastError = error; // Most likely the port was taken between freePort() and bind: try another.
    }
  }
  throw new Error(`redis-server did not start after ${attempts} attempts: ${String(lastError)}`);
}

async function serverOn(port: number, extraArgs: string[]): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'wootkit-redis-'));
  let child: ChildProcess;
  try {
    child = await spawnOn(port, extraArgs, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await kill(child);
      rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      await kill(child, 'SIGKILL');
    },
    async restart() {
      await kill(child, 'SIGKILL');
      child = await spawnOn(port, extraArgs, dir);
    },
  };
}

/** Spawns redis-server in `dir` (later arguments override earlier ones) and waits until it accepts connections. */
async function spawnOn(port: number, extraArgs: string[], dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server on ${port} not ready in ${START_TIMEOUT_MS} ms: ${output}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server on ${port} exited with ${code}: ${output.slice(-500)}`));
      });
    });
  } catch (error) {
    await kill(child);
    throw error;
  }
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

async function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}

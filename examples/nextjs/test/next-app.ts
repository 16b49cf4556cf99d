/**
 * Builds the example with `next build` and serves it with `next start` (or `next dev`) on a free port of 127.0.0.1,
 * pointed at a Chatwoot stand-in. Telemetry is off, `next dev`'s version check goes to a closed local port, and the
 * app uses no remote fonts or images, so nothing leaves the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NEXT_BIN = fileURLToPath(new URL('../node_modules/.bin/next', import.meta.url));

/** The secrets the app's Edge routes read at run time (test values, not secrets of anything real). */
export const WEBHOOK_SECRET = 'nextjs-edge-webhook-secret-0123456789';
export const HMAC_TOKEN = 'nextjs-edge-hmac-token-abcdef';

export interface NextApp {
  url: string;
  /** Stops the server (its whole process group) and waits for it to exit. */
  stop(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function nextEnv(
  chatwoot: { baseUrl: string; websiteToken: string },
  nodeEnv: 'production' | 'development',
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: nodeEnv,
    NEXT_TELEMETRY_DISABLED: '1',
    // `next dev` asks the npm registry whether a newer Next exists: point that question at a closed local port.
    npm_config_registry: 'http://127.0.0.1:9/',
    CHATWOOT_BASE_URL: chatwoot.baseUrl,
    CHATWOOT_WEBSITE_TOKEN: chatwoot.websiteToken,
    CHATWOOT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    CHATWOOT_HMAC_TOKEN: HMAC_TOKEN,
  };
}

/** Runs `next <args>` to the end; rejects with its output on failure or after `timeoutMs`. */
function runNext(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(NEXT_BIN, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`next ${args.join(' ')} took over ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`next ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/** Signals the process group the child leads (`detached`), so Next's worker processes go too. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** `next build` (bounded). */
export function buildNextApp(chatwoot: { baseUrl: string; websiteToken: string }): Promise<void> {
  return runNext(['build'], nextEnv(chatwoot, 'production'), 150_000);
}

/**
 * `next start` (after `buildNextApp`) or `next dev` (StrictMode, compiled on the first request) on a free port,
 * until it answers `/` (bounded).
 */
export async function startNextApp(
  mode: 'start' | 'dev',
  chatwoot: { baseUrl: string; websiteToken: string },
): Promise<NextApp> {
  const env = nextEnv(chatwoot, mode === 'dev' ? 'development' : 'production');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(NEXT_BIN, [mode, '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    killGroup(server, 'SIGTERM');
    const forced = setTimeout(() => killGroup(server, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };
  const waitMs = mode === 'dev' ? 90_000 : 30_000;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next ${mode} exited with ${server.exitCode}:\n${output}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(30_000) })).ok) return { url, stop };
    } catch {
      // not listening (or not compiled) yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next ${mode} did not answer within ${waitMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NotifyRecipient, NotifyResult } from '../../src/index';

const MAIN = fileURLToPath(new URL('./notify-process-main.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export interface NotifyProcessConfig {
  baseUrl: string;
  token: string;
  accountId: number;
  redisUrl: string;
  prefix: string;
  to: NotifyRecipient;
  inboxId: number;
  contents: string[];
  lockTtlMs?: number;
  lockWaitMs?: number;
  timeoutMs?: number;
}

export type NotifyOutcome = { ok: true; result: NotifyResult } | { ok: false; code?: string; name?: string; message: string };

export interface NotifyProcess {
  /** Resolves once the process is connected and waiting for `go()`. */
  ready: Promise<void>;
  /** Starts every notify call of the process at once. */
  go(): void;
  /** Each call's outcome, in the order of `contents`; rejects if the process dies or runs past `timeoutMs`. */
  outcomes: Promise<NotifyOutcome[]>;
  /** SIGKILL: a crash, nothing cleaned up. Resolves when the process is gone. */
  crash(): Promise<void>;
}

/**
 * Runs notify calls in a separate Node process on the built package (`pnpm test` builds first): a real second
 * instance of a host app, with module state of its own. Killed after `timeoutMs` whatever happens.
 */
export function startNotifyProcess(config: NotifyProcessConfig, timeoutMs = 20_000): NotifyProcess {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`pnpm --filter @wootkit/server build\` first.`);
  const child = spawn(process.execPath, [MAIN, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => clearTimeout(killer));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) resolve();
    });
    void exited.then((code) => reject(new Error(`notify process exited (${code}) before ready: ${stderr.slice(-500)}`)));
  });
  const outcomes = exited.then((code) => {
    const line = stdout.split('\n')[1];
    if (code !== 0 || !line) throw new Error(`notify process exited with ${code}: ${stderr.slice(-500)}`);
    return JSON.parse(line) as NotifyOutcome[];
  });
  ready.catch(() => undefined);
  outcomes.catch(() => undefined);
  return {
    ready,
    outcomes,
    go: () => child.stdin.end('go\n'),
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

/**
 * Runs a Worker in Cloudflare's real runtime, `workerd` (installed from npm as a dev dependency), serving HTTP on
 * 127.0.0.1. The Worker's modules are ES modules on disk; the relative imports of each are followed so a built entry
 * and its chunks are all loaded. Bounded: startup is given `startupMs`, and `stop()` kills the process.
 */
export interface RunningWorker {
  url: string;
  /** What workerd printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartWorkerOptions {
  /** The Worker's main module (ESM, `export default { fetch }`). */
  main: string;
  /** Text bindings, read by the Worker as `env.NAME`. */
  bindings?: Record<string, string>;
  startupMs?: number;
}

const WORKERD = fileURLToPath(new URL('../../node_modules/.bin/workerd', import.meta.url));
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\.?\/[^"']+)["']/g;

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const dir = await mkdtemp(join(tmpdir(), 'wootkit-workerd-'));
  const modules = await collectModules(options.main);
  // One flat folder: every module under its own file name, its relative imports rewritten to `./<file name>`.
  for (const [path, source] of modules) await writeFile(join(dir, basename(path)), source);
  const config = capnpConfig([...modules.keys()].map((path) => basename(path)), options.bindings ?? {});
  await writeFile(join(dir, 'config.capnp'), config);

  const deadline = Date.now() + (options.startupMs ?? 20_000);
  let lastError = '';
  // A free port is picked, then handed to workerd: another process may take it in between, so try a few.
  for (let attempt = 0; attempt < 3 && Date.now() < deadline; attempt++) {
    const port = await freePort();
    const child = spawn(WORKERD, ['serve', join(dir, 'config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`, '--verbose'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;
    if (await answers(url, child, deadline)) {
      return {
        url,
        output: () => output,
        stop: async () => {
          await kill(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    lastError = output;
    await kill(child);
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`workerd did not start:\n${lastError}`);
}

/** The main module and every module it reaches by relative import (path → source with flattened imports). */
async function collectModules(main: string): Promise<Map<string, string>> {
  const modules = new Map<string, string>();
  const queue = [main];
  while (queue.length > 0 && modules.size < 200) {
    const path = queue.shift()!;
    if (modules.has(path)) continue;
    const source = await readFile(path, 'utf8');
    const flattened = source.replace(RELATIVE_IMPORT, (statement, specifier: string) => {
      queue.push(join(dirname(path), specifier));
      return statement.replace(specifier, `./${basename(specifier)}`);
    });
    modules.set(path, flattened);
  }
  return modules;
}

function capnpConfig(modules: string[], bindings: Record<string, string>): string {
  const moduleList = modules.map((name) => `(name = ${JSON.stringify(name)}, esModule = embed ${JSON.stringify(name)})`).join(',\n      ');
  const bindingList = Object.entries(bindings)
    .map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`)
    .join(',\n      ');
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
      ${moduleList}
  ],
  bindings = [
      ${bindingList}
  ],
  compatibilityDate = "2025-09-01",
);
`;
}

/** Polls until the Worker answers, the process exits, or the deadline passes. */
async function answers(url: string, child: ChildProcess, deadline: number): Promise<boolean> {
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return false;
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

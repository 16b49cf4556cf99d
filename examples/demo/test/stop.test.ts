import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Ctrl+C on `pnpm demo` must stop it cleanly: exit 0 and no `ERR_PNPM_…`/`ELIFECYCLE` line. A terminal sends SIGINT
 * to the whole process group, so this test does the same. Debian's `sh` (dash) dies of SIGINT without waiting for
 * its child, which is why the scripts `exec` node instead of running it under a shell.
 */
it('stops on SIGINT to the whole process group with exit code 0 and no error from pnpm', async () => {
  const child = spawn('pnpm', ['--filter', '@wootkit/example-demo', 'start'], {
    cwd: DEMO_DIR,
    detached: true, // its own process group, as a terminal's foreground job
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DEMO_PORT: '0', CHATWOOT_STAND_IN_PORT: '0', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 60_000;
  while (!output.includes('Press Ctrl+C to stop.') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(output).toContain('Press Ctrl+C to stop.');
  process.kill(-child.pid!, 'SIGINT');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
  const result = await exited;
  clearTimeout(timer);
  expect(result).toEqual({ code: 0, signal: null });
  expect(output).not.toMatch(/ERR_PNPM|ELIFECYCLE|Command failed/);
});

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The `wootkit-standin` bin as users run it (`npx @wootkit/testing`): the built dist/cli.js in its own process.
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function start(args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm --filter @wootkit/testing build\` first.`);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  void exited.then(() => clearTimeout(killer));
  /** Resolves with stdout once it holds a full line (bounded by the 30 s kill). */
  const firstLine = async (): Promise<string> => {
    for (let i = 0; i < 600 && !stdout.includes('\n'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return stdout.split('\n')[0]!;
  };
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

describe('wootkit-standin', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`starts on a free port, prints its connection, answers the API, and stops on ${signal} with exit 0`, async () => {
      const run = start(['--port', '0', '--json']);
      const connection = JSON.parse(await run.firstLine());
      expect(connection.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const profile = await fetch(`${connection.baseUrl}/api/v1/profile`, { headers: { 'api-access-token': connection.apiAccessToken } });
      expect(profile.status).toBe(200);
      const widget = await fetch(`${connection.baseUrl}/packs/js/sdk.js`);
      expect(widget.status).toBe(200);
      run.child.kill(signal);
      expect(await run.exited).toBe(0);
      expect(run.output().stderr).toBe('');
    });
  }

  it('refuses a bad flag in one line with exit 2', async () => {
    const run = start(['--prot', '3000']);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr.trim().split('\n')).toHaveLength(1);
    expect(run.output().stderr).toContain("'--prot'");
  });
});

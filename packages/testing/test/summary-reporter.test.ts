/**
 * The root's closing line (`scripts/summary-reporter.ts`, `vitest: N passed, N failed, N skipped`) must agree with
 * vitest's exit code: a test file that does not import, an unhandled error or a failed run count as failures too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { summarize, summaryLine, type SummaryModule } from '../../../scripts/summary-reporter';

function fakeModule(id: string, state: 'passed' | 'failed' | 'skipped', tests: string[]): SummaryModule {
  return {
    relativeModuleId: id,
    state: () => state,
    children: { allTests: () => tests.map((testState) => ({ result: () => ({ state: testState }) })) },
  };
}

describe('summary reporter: counting', () => {
  it('counts tests by state', () => {
    const summary = summarize([fakeModule('a.test.ts', 'failed', ['passed', 'failed', 'skipped', 'pending'])]);
    expect(summaryLine(summary)).toBe('vitest: 1 passed, 1 failed, 2 skipped');
    expect(summary.outsideTests).toEqual([]);
  });

  it('counts a failed file with no failed test (an import error, a throwing hook) as one failure, naming it', () => {
    const summary = summarize([fakeModule('ok.test.ts', 'passed', ['passed']), fakeModule('broken.test.ts', 'failed', [])], [], 'failed');
    expect(summaryLine(summary)).toBe('vitest: 1 passed, 1 failed, 0 skipped');
    expect(summary.outsideTests).toEqual(['broken.test.ts failed outside its tests']);
  });

  it('does not count a file twice when its failure is a failed test', () => {
    const summary = summarize([fakeModule('a.test.ts', 'failed', ['failed', 'failed'])], [], 'failed');
    expect(summary.failed).toBe(2);
  });

  it('counts each unhandled error, and a failed or interrupted run with nothing else counted', () => {
    const errors = summarize([fakeModule('a.test.ts', 'passed', ['passed'])], [{ message: 'leaked\nstack' }, { message: 'again' }], 'failed');
    expect(errors.failed).toBe(2);
    expect(errors.outsideTests).toEqual(['unhandled error: leaked', 'unhandled error: again']);
    expect(summarize([], [], 'interrupted')).toMatchObject({ failed: 1, outsideTests: ['the run was interrupted'] });
    expect(summarize([], [], 'failed').failed).toBe(1);
    expect(summarize([], [], 'passed').failed).toBe(0);
  });
});

describe('summary reporter: a real vitest run with a file that does not import', () => {
  const project = mkdtempSync(join(tmpdir(), 'wootkit-summary-reporter-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('prints a closing line that says failed, and vitest exits 1', () => {
    // No config file and globals on: the fixture project needs nothing resolved from where it lives.
    writeFileSync(join(project, 'ok.test.js'), "test('passes', () => expect(1).toBe(1));\n");
    writeFileSync(join(project, 'broken.test.js'), "import './missing.js';\ntest('never runs', () => {});\n");
    const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
    const reporter = fileURLToPath(new URL('../../../scripts/summary-reporter.ts', import.meta.url));
    const run = spawnSync(process.execPath, [vitest, 'run', '--root', project, '--globals', '--reporter=default', `--reporter=${reporter}`], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      timeout: 60_000,
    });
    const lines = run.stdout.trim().split('\n');
    expect(run.status).toBe(1);
    expect(lines.at(-1)).toBe('vitest: 1 passed, 1 failed, 0 skipped');
    expect(lines.at(-2)).toBe('vitest: broken.test.js failed outside its tests');
  });
});

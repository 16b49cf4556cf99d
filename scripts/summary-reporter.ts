import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/** What of a TestModule the summary reads (so a test can hand it plain objects). */
export type SummaryModule = Pick<TestModule, 'state' | 'relativeModuleId'> & {
  children: { allTests(): Iterable<{ result(): { state: string } }> };
};

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** Failures that are not a failed test: a file that failed outside its tests, an unhandled error, a failed run. */
  outsideTests: string[];
}

/**
 * Counts a run so that `failed` is 0 exactly when vitest passes: a failed test counts once; a test file that failed
 * with no failed test in it (it did not import, or a hook threw) counts once; so does each unhandled error; a run
 * vitest ends as failed or interrupted with nothing counted yet counts once.
 */
export function summarize(
  testModules: ReadonlyArray<SummaryModule>,
  unhandledErrors: ReadonlyArray<Pick<SerializedError, 'message'>> = [],
  reason: TestRunEndReason = 'passed',
): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, outsideTests: [] };
  for (const testModule of testModules) {
    let failedTests = 0;
    for (const test of testModule.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') summary.passed++;
      else if (state === 'failed') failedTests++;
      else summary.skipped++;
    }
    summary.failed += failedTests;
    if (testModule.state() === 'failed' && failedTests === 0) {
      summary.failed++;
      summary.outsideTests.push(`${testModule.relativeModuleId} failed outside its tests`);
    }
  }
  for (const error of unhandledErrors) {
    summary.failed++;
    summary.outsideTests.push(`unhandled error: ${error.message.split('\n')[0]}`);
  }
  if (reason !== 'passed' && summary.failed === 0) {
    summary.failed++;
    summary.outsideTests.push(`the run ${reason === 'interrupted' ? 'was interrupted' : 'failed'}`);
  }
  return summary;
}

/** The closing line; its format is fixed (CI logs and tools read it). */
export function summaryLine(summary: RunSummary): string {
  return `vitest: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}

/**
 * Prints one plain closing line, `vitest: N passed, N failed, N skipped`, after the default reporter's summary, so
 * CI logs (and tools that read them) see the totals in a fixed format. Failures that are not tests (a file that does
 * not import, an unhandled error) count too, each named on a line above, so the line agrees with vitest's exit code.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const summary = summarize(testModules, unhandledErrors, reason);
    const details = summary.outsideTests.map((line) => `vitest: ${line}\n`).join('');
    console.log(`\n${details}${summaryLine(summary)}`);
  }
}

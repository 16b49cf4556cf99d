// Every ts/tsx/js sample in docs/ and the READMEs must compile against the built packages: docs that drift from
// the API fail here, with file:line. See examples/docs-check/README.md for the opt-out marker.
import { beforeAll, describe, expect, it } from 'vitest';
import { assertPackagesBuilt, checkDocs, type DocsCheckReport } from '../src/check-docs';
import { markdownFiles } from '../src/files';
import { FIX_HINT, formatProblem } from '../src/typecheck';

const files = markdownFiles();
let report: DocsCheckReport;

beforeAll(() => {
  assertPackagesBuilt();
  report = checkDocs(undefined, files);
});

describe('code samples in the docs', () => {
  it('finds the docs and their samples', () => {
    expect(files).toContain('README.md');
    expect(files.some((file) => file.startsWith('docs/'))).toBe(true);
    expect(report.samples.length).toBeGreaterThan(0);
  });

  it.each(files)('%s: every sample compiles', (file) => {
    const problems = report.problems.filter((problem) => problem.sample.file === file).map(formatProblem);
    expect(problems, `${problems.join('\n')}\n${FIX_HINT}`).toEqual([]);
  });
});

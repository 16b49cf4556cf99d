// `pnpm docs:check`: the same check as the docs-check test project, printed for a human.
import { assertPackagesBuilt, checkDocs } from './check-docs';
import { FIX_HINT, formatProblem } from './typecheck';

try {
  assertPackagesBuilt();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const started = performance.now();
const report = checkDocs();
for (const problem of report.problems) console.error(formatProblem(problem));
console.log(
  `docs check: ${report.samples.length} samples in ${report.files.length} Markdown files, ` +
    `${report.skipped.length} skipped by marker, ${report.problems.length} errors ` +
    `(${Math.round(performance.now() - started)} ms)`,
);
if (report.problems.length > 0) {
  console.error(FIX_HINT);
  process.exitCode = 1;
}

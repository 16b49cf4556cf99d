/** The docs check as one call: find the Markdown files, extract their samples, typecheck them all. */
import fs from 'node:fs';
import path from 'node:path';
import { extractSamples, type CodeSample } from './extract';
import { markdownFiles, REPO_ROOT } from './files';
import { typecheckSamples, type SampleProblem } from './typecheck';

export interface DocsCheckReport {
  files: string[];
  samples: CodeSample[];
  skipped: CodeSample[];
  problems: SampleProblem[];
}

/** The type entry of every published package: samples are checked against these, so they must be built. */
const BUILT_TYPES = ['packages/core/dist/index.d.ts', 'packages/hooks/dist/react.d.ts', 'packages/hooks/dist/preact.d.ts', 'packages/server/dist/index.d.ts'];

/** Throws a clear error when a package has not been built (the samples would fail for the wrong reason). */
export function assertPackagesBuilt(root: string = REPO_ROOT): void {
  const missing = BUILT_TYPES.filter((file) => !fs.existsSync(path.join(root, file)));
  if (missing.length > 0) {
    throw new Error(`docs check: ${missing.join(', ')} missing. Run \`pnpm build\` first: samples are checked against the built packages.`);
  }
}

export function checkDocs(root: string = REPO_ROOT, files: string[] = markdownFiles(root)): DocsCheckReport {
  const samples: CodeSample[] = [];
  const skipped: CodeSample[] = [];
  for (const file of files) {
    const result = extractSamples(file, fs.readFileSync(path.join(root, file), 'utf8'));
    samples.push(...result.samples);
    skipped.push(...result.skipped);
  }
  return { files, samples, skipped, problems: typecheckSamples(samples) };
}

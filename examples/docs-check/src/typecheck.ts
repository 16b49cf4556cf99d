/**
 * Typechecks code samples with the TypeScript compiler API, all in one program (one type-load of the packages
 * for every sample), against the BUILT packages: `@wootkit/*` resolve through this project's node_modules to each
 * package's `exports`, i.e. the `.d.ts` files a user gets from npm.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { CodeSample } from './extract';

/** This project's folder: samples are compiled as if they were files here, so imports resolve like a user's. */
export const DOCS_CHECK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Ambient declarations a sample may rely on (the script tag's `window.Wootkit`). */
const GLOBALS_FILE = path.join(DOCS_CHECK_DIR, 'src', 'script-tag-globals.d.ts');

/** A compile error in a sample, placed in its Markdown file. */
export interface SampleProblem {
  sample: CodeSample;
  /** 1-based line and column in the Markdown file. */
  line: number;
  column: number;
  code: number;
  message: string;
  /** The offending line of the sample, as written. */
  sourceLine: string;
}

// The strictness of the workspace's own tsconfig.base.json: samples are held to the standard of the code.
const BASE_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  esModuleInterop: true,
  skipLibCheck: true,
  allowJs: true,
  // Only the samples are checked (their header says `// @ts-check`): never the packages' built JavaScript.
  checkJs: false,
  noEmit: true,
  jsx: ts.JsxEmit.ReactJSX,
  jsxImportSource: 'react',
};

/** Whether a sample's JSX is Preact (it imports preact or the Preact hooks) rather than React. */
function usesPreact(code: string): boolean {
  return /from\s+['"](preact|preact\/[^'"]*|@preact\/[^'"]*|@wootkit\/hooks\/preact)['"]/.test(code);
}

/**
 * Every sample becomes a virtual file `<docs-check>/.samples/<n>-<md path>.<ext>`. Its first line is a header
 * (the JSX pragma), so sample line N is file line N + 1.
 */
const HEADER_LINES = 1;

function virtualName(sample: CodeSample, index: number, taken: Set<string>): string {
  const flat = sample.file.replace(/[^A-Za-z0-9]+/g, '_');
  if (sample.title && !sample.title.startsWith('/') && !sample.title.includes('..')) {
    // Titled samples of one page live in one folder under their own names, so they can import each other.
    const titled = path.join(DOCS_CHECK_DIR, '.samples', flat, sample.title);
    if (!taken.has(titled) && path.extname(titled).slice(1) === sample.extension) return titled;
  }
  return path.join(DOCS_CHECK_DIR, '.samples', `${index}-${flat}-L${sample.fenceLine}.${sample.extension}`);
}

function header(sample: CodeSample): string {
  const jsx = sample.extension === 'tsx' || sample.extension === 'jsx';
  const pragma = jsx ? `/** @jsxImportSource ${usesPreact(sample.code) ? 'preact' : 'react'} */ ` : '';
  const isJs = sample.extension === 'js' || sample.extension === 'jsx';
  return `${pragma}//${isJs ? ' @ts-check' : ''}`;
}

/** Compiles every sample and returns the problems, in sample order. An empty array means all compile. */
export function typecheckSamples(samples: readonly CodeSample[]): SampleProblem[] {
  const files = new Map<string, { sample: CodeSample; text: string }>();
  const taken = new Set<string>();
  samples.forEach((sample, index) => {
    const name = virtualName(sample, index, taken);
    taken.add(name);
    files.set(name, { sample, text: `${header(sample)}\n${sample.code}\n` });
  });

  const host = ts.createCompilerHost(BASE_OPTIONS, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const directoryExists = host.directoryExists?.bind(host);
  const virtualDirs = new Set<string>();
  for (const name of files.keys()) {
    for (let dir = path.dirname(name); dir.startsWith(DOCS_CHECK_DIR) && !virtualDirs.has(dir); dir = path.dirname(dir)) {
      virtualDirs.add(dir);
    }
  }
  // Module resolution skips folders that do not exist: the samples' folders exist only in memory.
  host.directoryExists = (name) => virtualDirs.has(path.resolve(name)) || (directoryExists?.(name) ?? true);
  host.readFile = (name) => files.get(path.resolve(name))?.text ?? readFile(name);
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const virtual = files.get(path.resolve(name));
    if (virtual) return ts.createSourceFile(name, virtual.text, languageVersion, true);
    return getSourceFile(name, languageVersion, onError, shouldCreate);
  };

  const program = ts.createProgram({ rootNames: [...files.keys(), GLOBALS_FILE], options: BASE_OPTIONS, host });
  const problems: SampleProblem[] = [];
  for (const diagnostic of [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()]) {
    const file = diagnostic.file && files.get(path.resolve(diagnostic.file.fileName));
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file && !file) continue; // inside a package or a library: not the docs' business
    if (!file || diagnostic.file === undefined || diagnostic.start === undefined) {
      // A global error (bad compiler setup): report it against the first sample rather than losing it.
      const first = samples[0];
      if (first) problems.push({ sample: first, line: first.fenceLine, column: 1, code: diagnostic.code, message, sourceLine: '' });
      continue;
    }
    const position = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const sampleLine = position.line + 1 - HEADER_LINES;
    problems.push({
      sample: file.sample,
      line: file.sample.fenceLine + sampleLine,
      column: position.character + 1,
      code: diagnostic.code,
      message,
      sourceLine: file.sample.code.split('\n')[sampleLine - 1] ?? '',
    });
  }
  problems.sort((a, b) => samples.indexOf(a.sample) - samples.indexOf(b.sample) || a.line - b.line);
  return problems;
}

/** One problem as a line a reader can click through: `docs/x.md:12:5 TS2339 message`, then the source line. */
export function formatProblem(problem: SampleProblem): string {
  const where = `${problem.sample.file}:${problem.line}:${problem.column}`;
  const source = problem.sourceLine ? `\n    ${problem.line} | ${problem.sourceLine}` : '';
  return `${where} TS${problem.code} (in the \`\`\`${problem.sample.language} sample opened at line ${problem.sample.fenceLine}): ${problem.message}${source}`;
}

/** The advice printed under a failure. */
export const FIX_HINT =
  'Fix the sample so it compiles against the built packages (run `pnpm build` after changing a package), or, if it ' +
  'is deliberately partial (a fragment, pseudo-code), put `<!-- docs-check: skip -->` on the line before its fence.';

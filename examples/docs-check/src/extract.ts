/**
 * Finds the code samples in a Markdown file that the docs check compiles.
 *
 * A sample is a fenced block (``` or ~~~, indented or not) whose language is one of {@link CHECKED_LANGUAGES}.
 * A `title="app/page.tsx"` in the fence's info string names the file the sample stands for (see {@link CodeSample.title}).
 * Put `<!-- docs-check: skip -->` on the line just before a fence (blank lines between are allowed) to leave a
 * deliberately partial sample out of the check.
 */

/** Fence language → the file extension the sample is compiled as. */
export const CHECKED_LANGUAGES: Readonly<Record<string, SampleExtension>> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
  jsx: 'jsx',
};

export type SampleExtension = 'ts' | 'tsx' | 'js' | 'jsx';

/** The opt-out marker, on the line before a fence. */
export const SKIP_MARKER = /<!--\s*docs-check:\s*skip\s*-->/;

export interface CodeSample {
  /** The Markdown file, as given to {@link extractSamples}. */
  file: string;
  /** 1-based line of the opening fence in the Markdown file. */
  fenceLine: number;
  /** The fence's language as written, e.g. `tsx`. */
  language: string;
  extension: SampleExtension;
  /** The sample's source, with the fence's indentation removed. Line 1 is the line after the opening fence. */
  code: string;
  /**
   * The fence's `title="…"` (or `filename="…"`), e.g. `app/providers.tsx`. Titled samples of one Markdown file are
   * compiled at those paths side by side, so one can import another (`import { Providers } from './providers'`).
   */
  title?: string;
}

export interface ExtractResult {
  samples: CodeSample[];
  /** Checked-language samples left out by a skip marker (reported so the opt-outs stay visible). */
  skipped: CodeSample[];
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/;

/** Extracts every code sample of a checked language from `markdown`. */
export function extractSamples(file: string, markdown: string): ExtractResult {
  const lines = markdown.split(/\r?\n/);
  const samples: CodeSample[] = [];
  const skipped: CodeSample[] = [];
  let skipNext = false;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const open = FENCE_OPEN.exec(line);
    if (!open) {
      if (SKIP_MARKER.test(line)) skipNext = true;
      else if (line.trim() !== '') skipNext = false;
      continue;
    }

    const indent = open[1]?.length ?? 0;
    const fence = open[2] ?? '```';
    const language = (open[3] ?? '').toLowerCase();
    const body: string[] = [];
    const fenceLine = index + 1;
    // The closing fence uses the same character, at least as long, and nothing after it.
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    index++;
    while (index < lines.length && !close.test(lines[index] ?? '')) {
      body.push(stripIndent(lines[index] ?? '', indent));
      index++;
    }

    const extension = CHECKED_LANGUAGES[language];
    if (extension) {
      const title = /\b(?:title|filename)=["']([^"']+)["']/.exec(open[4] ?? '')?.[1];
      const sample: CodeSample = { file, fenceLine, language, extension, code: body.join('\n'), ...(title ? { title } : {}) };
      (skipNext ? skipped : samples).push(sample);
    }
    skipNext = false;
  }
  return { samples, skipped };
}

/** Removes up to `indent` leading spaces, as CommonMark does for a fence inside a list item. */
function stripIndent(line: string, indent: number): string {
  let removed = 0;
  while (removed < indent && line[removed] === ' ') removed++;
  return line.slice(removed);
}

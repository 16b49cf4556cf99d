import { describe, expect, it } from 'vitest';
import { extractSamples } from '../src/extract';
import { formatProblem, typecheckSamples } from '../src/typecheck';

const fence = '```';

function check(md: string) {
  return typecheckSamples(extractSamples('docs/fixture.md', md).samples);
}

describe('typecheckSamples', () => {
  it('reports a type error at its line and column in the Markdown file', () => {
    const md = ['# Fixture', '', `${fence}ts`, 'const count: number = 1;', "const name: string = count;", fence].join('\n');
    const problems = check(md);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem?.line).toBe(5);
    expect(problem?.column).toBe(7);
    expect(problem?.code).toBe(2322);
    expect(formatProblem(problem!)).toMatch(/^docs\/fixture\.md:5:7 TS2322 .*sample opened at line 3.*\n\s+5 \| const name: string = count;/);
  });

  it('checks imports against the built packages: a name the package does not export is an error', () => {
    const md = [`${fence}ts`, "import { WootkitError, doesNotExist } from '@wootkit/core';", 'console.log(WootkitError, doesNotExist);', fence].join('\n');
    const problems = check(md);
    expect(problems.map((p) => p.code)).toEqual([2305]);
    expect(problems[0]?.message).toContain('doesNotExist');
  });

  it('compiles each sample as its own module, so two samples may declare the same name', () => {
    const md = [`${fence}ts`, 'const chat = 1;', fence, `${fence}ts`, "const chat = 'two';", fence].join('\n');
    expect(check(md)).toEqual([]);
  });

  it('compiles React and Preact JSX, choosing the runtime from the imports', () => {
    const md = [
      `${fence}tsx`,
      "import { useState } from 'react';",
      'export function Counter() { const [n, setN] = useState(0); return <button onClick={() => setN(n + 1)}>{n}</button>; }',
      fence,
      `${fence}tsx`,
      "import { useState } from 'preact/hooks';",
      'export function Counter() { const [n, setN] = useState(0); return <button onClick={() => setN(n + 1)}>{n}</button>; }',
      fence,
    ].join('\n');
    expect(check(md).map(formatProblem)).toEqual([]);
  });

  it('checks js samples too, with the script tag global declared', () => {
    const ok = [`${fence}js`, 'const api = window.Wootkit;', 'console.log(api.chat.getState().status);', fence].join('\n');
    expect(check(ok).map(formatProblem)).toEqual([]);
    const broken = [`${fence}js`, 'window.Wootkit.chat.opne();', fence].join('\n');
    const problems = check(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain("'opne' does not exist");
  });

  it('lets titled samples of one page import each other by their titles', () => {
    const md = [
      `${fence}tsx title="app/providers.tsx"`,
      'export const greeting: string = "hi";',
      fence,
      `${fence}tsx title="app/layout.tsx"`,
      "import { greeting } from './providers';",
      'export const size: number = greeting.length;',
      "export const wrong: number = greeting;",
      fence,
    ].join('\n');
    const problems = check(md);
    expect(problems.map((p) => [p.line, p.code])).toEqual([[7, 2322]]);
  });

  it('checks jsx samples (React by default) and reports their errors', () => {
    const md = [`${fence}jsx`, 'export const el = <button onClick={1}>Help</button>;', fence].join('\n');
    expect(check(md).map((p) => p.line)).toEqual([2]);
  });
});

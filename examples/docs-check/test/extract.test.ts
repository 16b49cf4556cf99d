import { describe, expect, it } from 'vitest';
import { extractSamples } from '../src/extract';

const fence = '```';

describe('extractSamples', () => {
  it('finds ts, tsx, js and jsx samples with the line of their opening fence', () => {
    const md = [
      '# Title', // 1
      '', // 2
      `${fence}ts`, // 3
      'const a = 1;', // 4
      fence, // 5
      `${fence}tsx title="App.tsx"`, // 6
      'export const App = () => null;', // 7
      fence, // 8
      `${fence}javascript`, // 9
      'window.x = 1;', // 10
      fence, // 11
    ].join('\n');
    const { samples, skipped } = extractSamples('page.md', md);
    expect(skipped).toEqual([]);
    expect(samples.map((s) => [s.fenceLine, s.language, s.extension, s.code])).toEqual([
      [3, 'ts', 'ts', 'const a = 1;'],
      [6, 'tsx', 'tsx', 'export const App = () => null;'],
      [9, 'javascript', 'js', 'window.x = 1;'],
    ]);
  });

  it('ignores shell, html, json and unlabelled fences, and code that only looks like a fence inside them', () => {
    const md = [`${fence}sh`, 'pnpm add @wootkit/core', fence, `${fence}md`, `${fence}ts`, 'nested', fence, fence, `${fence}`, 'x', fence].join('\n');
    // The md fence closes at the first bare ``` (CommonMark), so "nested" is not a sample of its own... but the
    // following fence pair opens a ts block: this documents the simple rule rather than full CommonMark nesting.
    const { samples } = extractSamples('page.md', md);
    expect(samples.every((s) => s.code !== 'pnpm add @wootkit/core')).toBe(true);
    expect(samples.filter((s) => s.language === 'sh')).toEqual([]);
  });

  it('leaves out the sample after a skip marker, even across blank lines, and reports it as skipped', () => {
    const md = ['<!-- docs-check: skip -->', '', `${fence}ts`, 'partial(', fence, `${fence}ts`, 'const ok = 1;', fence].join('\n');
    const { samples, skipped } = extractSamples('page.md', md);
    expect(skipped.map((s) => s.code)).toEqual(['partial(']);
    expect(samples.map((s) => s.code)).toEqual(['const ok = 1;']);
  });

  it('does not let a skip marker reach past a paragraph to a later fence', () => {
    const md = ['<!-- docs-check: skip -->', 'Some prose.', `${fence}ts`, 'const checked = 1;', fence].join('\n');
    expect(extractSamples('page.md', md).samples).toHaveLength(1);
  });

  it('removes the indentation of a fence inside a list item and accepts ~~~ fences', () => {
    const md = ['1. Step one:', '   ~~~ts', '   const a = 1;', '     const b = 2;', '   ~~~'].join('\n');
    const [sample] = extractSamples('page.md', md).samples;
    expect(sample?.code).toBe('const a = 1;\n  const b = 2;');
    expect(sample?.fenceLine).toBe(2);
  });
});

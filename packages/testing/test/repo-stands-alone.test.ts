/**
 * The repository stands on its own: a user's clone has nothing beside it, so no file in it may read, link or cite a
 * path outside it (the team's old notes, a shared folder, a machine's absolute path). What the project knows about
 * Chatwoot lives in docs/chatwoot-internals.md, citing Chatwoot's own source files.
 *
 * Scanned: every file git tracks or would add (untracked but not ignored), except node_modules and this file, which
 * has to spell the patterns out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const self = relative(root, fileURLToPath(import.meta.url)).split(sep).join('/');

/** Text that always points outside the repository, wherever it appears. */
const FORBIDDEN: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /shared\/chatwoot/g, why: 'the team’s old notes folder' },
  { pattern: /\/work\//g, why: 'an absolute path on a development machine' },
  { pattern: /\b(?:SERVER|WIDGET)\.md\b/g, why: 'the team’s old notes (cite docs/chatwoot-internals.md or Chatwoot’s source)' },
];

/**
 * A relative path through a folder named `shared` (`../shared/x`, `../../shared`) is fine only when it resolves, from
 * the file's own folder, to a folder or file that exists inside the repository (packages/hooks/src/shared/ is one).
 */
const RELATIVE_SHARED = /(?:\.\.\/)+(?:[\w.-]+\/)*?shared(?![\w.-])/g;

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  return out
    .split('\0')
    .filter((file) => file && file !== self && !file.split('/').includes('node_modules'))
    .filter((file) => existsSync(join(root, file)) && statSync(join(root, file)).isFile());
}

/** Returns `file:line: text — why` for each reference to a path outside the repository. */
function findOutsideReferences(file: string, text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    const at = `${file}:${index + 1}`;
    for (const { pattern, why } of FORBIDDEN) {
      for (const match of line.matchAll(pattern)) problems.push(`${at}: "${match[0]}" — ${why}`);
    }
    for (const match of line.matchAll(RELATIVE_SHARED)) {
      const target = resolve(root, dirname(file), match[0]);
      const inside = target === root || target.startsWith(root + sep);
      if (!inside) problems.push(`${at}: "${match[0]}" — resolves outside the repository`);
      else if (!existsSync(target)) problems.push(`${at}: "${match[0]}" — resolves to ${relative(root, target)}, which does not exist`);
    }
  });
  return problems;
}

describe('the repository stands on its own', () => {
  it('the rule flags outside paths and lets the hooks package import its own shared/ folder', () => {
    expect(findOutsideReferences('packages/server/test/x.test.ts', "new URL('../../../../shared/chatwoot/swagger.json')")).toEqual([
      'packages/server/test/x.test.ts:1: "shared/chatwoot" — the team’s old notes folder',
      'packages/server/test/x.test.ts:1: "../../../../shared" — resolves outside the repository',
    ]);
    expect(findOutsideReferences('packages/testing/README.md', 'intro\nsee `../shared/notes.md`')).toEqual([
      'packages/testing/README.md:2: "../shared" — resolves to packages/shared, which does not exist',
    ]);
    expect(findOutsideReferences('a.ts', '// see SERVER.md and /work/main')).toHaveLength(2);
    expect(findOutsideReferences('packages/hooks/src/react/bindings.ts', "import { createBindings } from '../shared/bindings';")).toEqual([]);
    expect(findOutsideReferences('packages/hooks/test/support/scenarios.ts', "from '../../src/shared/types';")).toEqual([]);
    expect(findOutsideReferences('packages/server/src/types/contact.ts', "Chatwoot's `swagger/swagger.json`")).toEqual([]);
  });

  it('no file references a path outside the repository', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((file) => {
      const bytes = readFileSync(join(root, file));
      if (bytes.includes(0)) return []; // binary
      return findOutsideReferences(file, bytes.toString('utf8'));
    });
    expect(problems, `Files that reference paths outside the repository:\n${problems.join('\n')}\n`).toEqual([]);
  });
});

#!/usr/bin/env node
// `lint:package` for a package whose workspace manifest differs from the published one (@wootkit/testing: its
// `exports` point at src/*.ts in the workspace, and `publishConfig.exports` at dist/ once packed). `publint` and
// `attw --pack` would lint the workspace manifest; this packs with `pnpm pack` (which applies publishConfig, as
// `pnpm publish` does) and lints that tarball: exactly what npm users get.
//   node ../../scripts/lint-packed.mjs [attw flags, e.g. --profile esm-only]     (run in the package's folder)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const attwFlags = process.argv.slice(2);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wootkit-lint-packed-'));
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

let status = 0;
try {
  execFileSync('pnpm', ['pack', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
  const [tarball] = fs.readdirSync(work).filter((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`lint-packed: pnpm pack made no tarball in ${work}`);
  const file = path.join(work, tarball);
  run('publint', ['--strict', file]);
  run('attw', [file, ...attwFlags]);
} catch (error) {
  // publint and attw have printed their findings already.
  if (error.status === undefined) console.error(error.message);
  status = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(status);

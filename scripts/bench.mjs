#!/usr/bin/env node
/**
 * `pnpm bench`: runs the `bench` script of every workspace package that has one (after `pnpm build`), one after
 * the other so they do not compete for the CPU, with their tables printed as they go. Exits non-zero if any budget
 * check fails. A package's `bench` script decides what it runs (the server package runs every `bench/*.bench.ts`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(root, 'packages');
const only = process.argv.slice(2);

const packages = readdirSync(packagesDir)
  .map((dir) => join(packagesDir, dir, 'package.json'))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')))
  .filter((pkg) => pkg.scripts?.bench && (only.length === 0 || only.includes(pkg.name)));

const failed = [];
for (const pkg of packages) {
  console.log(`\n=== ${pkg.name} ===`);
  const result = spawnSync('pnpm', ['--filter', pkg.name, 'run', 'bench'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed.push(pkg.name);
}
if (packages.length === 0) console.log('no package has a bench script');
if (failed.length > 0) {
  console.error(`\nbench budgets failed in: ${failed.join(', ')}`);
  process.exit(1);
}

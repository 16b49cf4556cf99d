#!/usr/bin/env node
// `pnpm pack:check`: proves the tarballs npm users will get install and load, outside this workspace.
//
// 1. `pnpm pack` every publishable package (packages/* without "private": true) into a temporary folder;
// 2. create a clean project in the OS temp dir (no workspace, no symlinks) and `npm install` the tarballs, with the
//    framework peers the hooks need (their own dependencies come from the npm registry);
// 3. in that project: `import` every export path of every package in ESM, `require()` `@wootkit/server` and `@wootkit/server/webhooks` in CJS, and
//    compare the names each one exports with the workspace's own build, so a file missing from "files" or a broken
//    "exports" map fails here rather than for a user.
// Fails loudly (non-zero exit, the command's output) on any step. Run `pnpm build` first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');

// Peer dependencies a user installs beside the packages (playwright-core: @wootkit/testing/browser's optional peer).
const PEERS = { preact: '^10.27.0', '@preact/signals': '^2.3.0', react: '^19.1.0', 'playwright-core': '^1.56.0' };

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    console.error(`pack-check: \`${command} ${args.join(' ')}\` failed in ${cwd}`);
    console.error(error.stdout ?? '', error.stderr ?? '');
    throw new Error(`pack-check failed at: ${command} ${args.join(' ')}`);
  }
}

function publishablePackages() {
  const dir = path.join(root, 'packages');
  return fs
    .readdirSync(dir)
    .map((name) => path.join(dir, name))
    .filter((pkgDir) => fs.existsSync(path.join(pkgDir, 'package.json')))
    .map((pkgDir) => ({ dir: pkgDir, manifest: JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true);
}

/** The export paths of a manifest that are JavaScript entries (not ./package.json), e.g. ['.', './react']. */
function jsExportPaths(manifest) {
  return Object.keys(manifest.exports ?? { '.': manifest.main }).filter((key) => key !== './package.json');
}

function specifier(name, exportPath) {
  return exportPath === '.' ? name : `${name}/${exportPath.slice(2)}`;
}

/** The file an export condition object (or string) points at, for Node's `import`. */
function resolveExportFile(target) {
  if (typeof target === 'string') return target;
  return resolveExportFile(target.import ?? target.node ?? target.default);
}

const ESM_CHECK = `
import fs from 'node:fs';
const expected = JSON.parse(fs.readFileSync('expected.json', 'utf8'));
for (const [specifier, want] of Object.entries(expected)) {
  const url = import.meta.resolve(specifier);
  if (!url.includes('/node_modules/')) throw new Error(specifier + ' resolved outside node_modules: ' + url);
  if (want.file) {
    if (!fs.existsSync(new URL(url))) throw new Error(specifier + ' points at a missing file: ' + url);
    console.log('esm: ' + specifier + ' file present');
    continue;
  }
  const names = Object.keys(await import(specifier)).sort();
  if (JSON.stringify(names) !== JSON.stringify(want.names)) {
    throw new Error(specifier + ' exports ' + JSON.stringify(names) + ' from the tarball but ' + JSON.stringify(want.names) + ' from the workspace build');
  }
  console.log('esm: import ' + specifier + ' → ' + names.length + ' exports');
}
`;

const CJS_CHECK = `
const name = process.argv[2];
const resolved = require.resolve(name);
if (!resolved.endsWith('.cjs')) throw new Error(name + ' resolved to ' + resolved + ' for require(), expected the CJS build');
const cjs = Object.keys(require(name)).filter((key) => key !== '__esModule').sort();
import(name).then((esm) => {
  const names = Object.keys(esm).filter((key) => key !== 'default' && key !== 'module.exports').sort();
  if (JSON.stringify(cjs) !== JSON.stringify(names)) {
    throw new Error(name + ': require() gives ' + JSON.stringify(cjs) + ' but import gives ' + JSON.stringify(names));
  }
  console.log('cjs: require(' + JSON.stringify(name) + ') → ' + cjs.length + ' exports, same as ESM');
}).catch((error) => { console.error(error); process.exit(1); });
`;

const packages = publishablePackages();
for (const { dir, manifest } of packages) {
  const missing = (manifest.files ?? []).filter((entry) => entry === 'dist' && !fs.existsSync(path.join(dir, 'dist')));
  if (missing.length) throw new Error(`pack-check: ${manifest.name} has no dist/. Run \`pnpm build\` first.`);
}

/** Starts the packed stand-in and runs the CommonJS round trip against it in a child process. */
const ROUND_TRIP = `
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startFakeChatwoot } from '@wootkit/testing';
const fake = await startFakeChatwoot();
try {
  fake.api.seed({ inboxes: [{ name: 'API', channel_type: 'Channel::Api' }] });
  const env = { PATH: process.env.PATH, CHATWOOT_BASE_URL: fake.url, CHATWOOT_API_ACCESS_TOKEN: fake.api.tokens.admin, CHATWOOT_ACCOUNT_ID: String(fake.api.accountId) };
  const { stdout } = await promisify(execFile)(process.execPath, ['client-round-trip.cjs', process.argv[2]], { env, timeout: 60000 });
  console.log('cjs: require(' + JSON.stringify(process.argv[2]) + ') round trip against the packed stand-in: ' + stdout.trim());
} finally {
  await fake.close();
}
`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wootkit-pack-check-'));
const tarballs = path.join(work, 'tarballs');
const project = path.join(work, 'project');
fs.mkdirSync(tarballs);
fs.mkdirSync(project);
console.log(`pack-check: working in ${work}`);

try {
  // 1. Pack. pnpm rewrites workspace:^ ranges to real versions, as `pnpm publish` would.
  const files = {};
  for (const { dir, manifest } of packages) {
    const before = new Set(fs.readdirSync(tarballs));
    run('pnpm', ['pack', '--pack-destination', tarballs], dir);
    const created = fs.readdirSync(tarballs).filter((file) => !before.has(file));
    if (created.length !== 1) throw new Error(`pack-check: expected one tarball for ${manifest.name}, got ${created}`);
    files[manifest.name] = path.join(tarballs, created[0]);
    const listing = run('tar', ['-tzf', files[manifest.name]], work).trim().split('\n');
    console.log(`pack-check: ${manifest.name} → ${created[0]} (${listing.length} files)`);
    for (const required of ['package/package.json', 'package/LICENSE']) {
      if (!listing.includes(required)) throw new Error(`pack-check: ${manifest.name}'s tarball lacks ${required}`);
    }
  }

  // 2. A clean project: the tarballs as dependencies, and `overrides` so that @wootkit/hooks' dependency on
  // @wootkit/core is met by the local tarball, never by whatever the registry has under that name.
  const local = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, `file:${file}`]));
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'wootkit-pack-check', private: true, dependencies: { ...local, ...PEERS }, overrides: local }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], project);

  // 3. Load every entry from the installed copies and compare with the workspace's build.
  const expected = {};
  for (const { dir, manifest } of packages) {
    // What the tarball's manifest says: `pnpm pack` applies `publishConfig.exports` (@wootkit/testing's workspace
    // exports point at its TypeScript sources; the published ones at dist/).
    const published = manifest.publishConfig?.exports ? { ...manifest, exports: manifest.publishConfig.exports } : manifest;
    for (const exportPath of jsExportPaths(published)) {
      const target = resolveExportFile(published.exports?.[exportPath] ?? published.main);
      // Script-tag files (IIFE, `*.global.js`) are not modules: only check they are there.
      expected[specifier(manifest.name, exportPath)] = target.endsWith('.global.js')
        ? { file: true }
        : { names: Object.keys(await import(pathToFileURL(path.join(dir, target)).href)).sort() };
    }
  }
  const serverName = packages.find(({ manifest }) => manifest.name === '@wootkit/server') ? '@wootkit/server' : null;
  fs.writeFileSync(path.join(project, 'expected.json'), JSON.stringify(expected));
  fs.writeFileSync(path.join(project, 'check-esm.mjs'), ESM_CHECK);
  fs.writeFileSync(path.join(project, 'check-cjs.cjs'), CJS_CHECK);
  console.log(run('node', ['check-esm.mjs'], project).trim());
  // Both CommonJS entries of the server: the main one and the Web-standard `/webhooks`.
  if (serverName) for (const name of [serverName, `${serverName}/webhooks`]) console.log(run('node', ['check-cjs.cjs', name], project).trim());
  // 4. Real requests under require(): the packed @wootkit/testing starts a stand-in, and the packed @wootkit/server,
  // loaded with require() by scripts/client-round-trip.cjs, lists inboxes, creates and finds a contact and verifies
  // its webhook against it (ky is ESM-only: a CJS build that require()s it would crash on the first request).
  if (serverName && files['@wootkit/testing']) {
    fs.copyFileSync(path.join(root, 'scripts', 'client-round-trip.cjs'), path.join(project, 'client-round-trip.cjs'));
    fs.writeFileSync(path.join(project, 'round-trip.mjs'), ROUND_TRIP);
    console.log(run('node', ['round-trip.mjs', serverName], project).trim());
  }
  console.log(`pack-check: OK — ${packages.length} packages packed, installed in a clean project and loaded`);
} finally {
  if (keep) console.log(`pack-check: kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

/**
 * The contract test's fixture (`fixtures/chatwoot-openapi.json`) must be exactly what
 * `scripts/extract-chatwoot-openapi.mjs` writes: a fixture edited by hand, or written by an older version of the
 * script, fails here. Regenerate it with the command in the script's header (from Chatwoot v4.15.1,
 * `swagger/swagger.json`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const scriptPath = fileURLToPath(new URL('../../../scripts/extract-chatwoot-openapi.mjs', import.meta.url));
const fixturePath = fileURLToPath(new URL('./fixtures/chatwoot-openapi.json', import.meta.url));
const fixtureText = readFileSync(fixturePath, 'utf8');
const fixture = JSON.parse(fixtureText) as { 'x-fixture': { source: string; format: number; sourceSha256: string }; paths: object };
const script = (await import(pathToFileURL(scriptPath).href)) as { FORMAT: number; extract: (text: string) => string };

const scratch = mkdtempSync(join(tmpdir(), 'wootkit-openapi-fixture-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('contract fixture: what scripts/extract-chatwoot-openapi.mjs writes', () => {
  it('names its source and the output format of the current script', () => {
    expect(fixture['x-fixture'].source).toBe('Chatwoot v4.15.1, swagger/swagger.json');
    expect(fixture['x-fixture'].sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fixture['x-fixture'].format).toBe(script.FORMAT);
    expect(Object.keys(fixture.paths).length).toBeGreaterThan(30);
  });

  it('is reproduced byte for byte by the script (deterministic, and the fixture is not stale)', () => {
    expect(script.extract(fixtureText)).toBe(fixtureText);
    expect(script.extract(fixtureText)).toBe(script.extract(fixtureText));
  });

  it("--check passes on the fixture and fails, naming the file, on an edited copy", () => {
    const ok = execFileSync(process.execPath, [scriptPath, '--check', fixturePath], { input: fixtureText, encoding: 'utf8' });
    expect(ok).toContain('is up to date');

    const edited = join(scratch, 'edited.json');
    writeFileSync(edited, fixtureText.replace('"required": true', '"required": false'));
    const stale = spawnSync(process.execPath, [scriptPath, fixturePath, '--check', edited], { encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain(`${edited} is stale`);
  });
});

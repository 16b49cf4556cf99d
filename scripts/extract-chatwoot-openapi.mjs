#!/usr/bin/env node
/**
 * Builds the contract test's fixture from Chatwoot's own OpenAPI file (Chatwoot's repository,
 * `swagger/swagger.json`): only the `/api/v1/` paths, their methods, parameters and JSON request bodies, and the
 * components those reference, with no descriptions, examples or responses. The contract test
 * (packages/server/test/contract.test.ts) reads nothing else, so the fixture stays small and the project never needs
 * a file from outside the repository.
 *
 * Regenerate (from a Chatwoot checkout, at the tag the project builds against):
 *   git -C <chatwoot> show v4.15.1:swagger/swagger.json \
 *     | node scripts/extract-chatwoot-openapi.mjs --out packages/server/test/fixtures/chatwoot-openapi.json
 * Check that a fixture is what this script writes (exit 1 when stale):
 *   git -C <chatwoot> show v4.15.1:swagger/swagger.json \
 *     | node scripts/extract-chatwoot-openapi.mjs --check packages/server/test/fixtures/chatwoot-openapi.json
 * Run on the fixture itself, the script reproduces it byte for byte (it keeps the fixture's header), which is how
 * packages/server/test/contract-fixture.test.ts catches a fixture written by an older version of this script.
 *
 * Usage: extract-chatwoot-openapi.mjs [swagger.json | -] [--out FILE] [--check FILE] [--source LABEL]
 * Reads stdin when no input path (or `-`) is given; writes stdout unless --out is given.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Bump when the output's shape changes: the fixture test compares it with the fixture's header. */
export const FORMAT = 1;
const DEFAULT_SOURCE = 'Chatwoot v4.15.1, swagger/swagger.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/** The JSON Schema keywords the contract test's validator reads; everything else is dropped. */
const SCHEMA_KEYWORDS = ['$ref', 'type', 'enum', 'nullable', 'required', 'properties', 'additionalProperties', 'items', 'allOf', 'oneOf', 'anyOf'];
const REGENERATE =
  'git -C <chatwoot checkout> show v4.15.1:swagger/swagger.json | node scripts/extract-chatwoot-openapi.mjs --out packages/server/test/fixtures/chatwoot-openapi.json';

function compactSchema(schema, refs) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out = {};
  for (const key of SCHEMA_KEYWORDS) {
    if (!(key in schema)) continue;
    const value = schema[key];
    if (key === '$ref') {
      refs.add(value);
      out[key] = value;
    } else if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, compactSchema(item, refs)]));
    } else if (key === 'items' || key === 'additionalProperties') {
      out[key] = typeof value === 'object' ? compactSchema(value, refs) : value;
    } else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
      out[key] = value.map((item) => compactSchema(item, refs));
    } else {
      out[key] = value;
    }
  }
  return out;
}

function compactParameter(parameter, refs) {
  if (parameter.$ref) {
    refs.add(parameter.$ref);
    return { $ref: parameter.$ref };
  }
  const out = { name: parameter.name, in: parameter.in };
  if (parameter.required !== undefined) out.required = parameter.required;
  if (parameter.schema) out.schema = compactSchema(parameter.schema, refs);
  return out;
}

function compactOperation(operation, refs) {
  const out = {};
  if (operation.parameters) out.parameters = operation.parameters.map((parameter) => compactParameter(parameter, refs));
  const body = operation.requestBody;
  if (body) {
    out.requestBody = {};
    if (body.required !== undefined) out.requestBody.required = body.required;
    const json = body.content?.['application/json']?.schema;
    if (json) out.requestBody.content = { 'application/json': { schema: compactSchema(json, refs) } };
  }
  return out;
}

/** Sorted keys everywhere (arrays keep their order), so equal input always gives equal bytes. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

/** Returns the fixture text for the text of an OpenAPI file (or of a fixture this script wrote). */
export function extract(text, { source = DEFAULT_SOURCE } = {}) {
  const spec = JSON.parse(text);
  if (!spec.paths || typeof spec.paths !== 'object') throw new Error('input has no "paths": is it an OpenAPI file?');
  const refs = new Set();
  const paths = {};
  for (const [template, item] of Object.entries(spec.paths)) {
    if (!template.startsWith('/api/v1/')) continue;
    const out = {};
    if (item.parameters) out.parameters = item.parameters.map((parameter) => compactParameter(parameter, refs));
    for (const method of METHODS) if (item[method]) out[method] = compactOperation(item[method], refs);
    paths[template] = out;
  }
  // Follow references until every component a kept path needs (directly or through another component) is in.
  const components = {};
  const done = new Set();
  while (refs.size > done.size) {
    for (const ref of [...refs]) {
      if (done.has(ref)) continue;
      done.add(ref);
      const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(ref) ?? [];
      const found = section && spec.components?.[section]?.[name];
      if (!found) throw new Error(`unresolvable reference ${ref}`);
      components[section] ??= {};
      components[section][name] = section === 'parameters' ? compactParameter(found, refs) : compactSchema(found, refs);
    }
  }
  const header = spec['x-fixture'] ?? {
    source,
    sourceSha256: createHash('sha256').update(text).digest('hex'),
    generator: 'scripts/extract-chatwoot-openapi.mjs',
    format: FORMAT,
    regenerate: REGENERATE,
  };
  return `${JSON.stringify({ 'x-fixture': header, ...sortKeys({ openapi: spec.openapi, paths, components }) }, null, 1)}\n`;
}

function main(argv) {
  const options = { input: undefined, out: undefined, check: undefined, source: undefined };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--out' || arg === '--check' || arg === '--source') {
      const value = argv[++index];
      if (!value) throw new Error(`${arg} needs a value`);
      options[arg.slice(2)] = value;
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg} (usage: extract-chatwoot-openapi.mjs [swagger.json | -] [--out FILE] [--check FILE] [--source LABEL])`);
    } else {
      options.input = arg;
    }
  }
  const text = readFileSync(options.input && options.input !== '-' ? options.input : 0, 'utf8');
  const output = extract(text, { source: options.source });
  if (options.check) {
    let current = '';
    try {
      current = readFileSync(options.check, 'utf8');
    } catch {
      // a missing fixture is stale
    }
    if (current !== output) {
      process.stderr.write(`${options.check} is stale: it is not what this script writes. Regenerate it:\n  ${REGENERATE}\n`);
      return 1;
    }
    process.stdout.write(`${options.check} is up to date\n`);
    return 0;
  }
  if (options.out) writeFileSync(options.out, output);
  else process.stdout.write(output);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`extract-chatwoot-openapi: ${error.message}\n`);
    process.exitCode = 2;
  }
}

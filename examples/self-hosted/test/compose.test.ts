// Checks docker-compose.yml without Docker: the mistakes that only show when someone runs `docker compose up`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const here = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url));
const composeText = readFileSync(here('docker-compose.yml'), 'utf8');

interface Service {
  image?: string;
  ports?: (string | { host_ip?: string; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string })[];
  depends_on?: string[] | Record<string, unknown>;
  environment?: Record<string, string> | string[];
}
// `merge: true` applies the `<<: *chatwoot` anchors, as Compose does.
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = Object.entries(compose.services);
const envExampleKeys = new Set(
  readFileSync(here('.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z0-9_]+)=/.exec(line.trim())?.[1])
    .filter((key): key is string => key !== undefined),
);

describe('self-hosted docker-compose.yml', () => {
  it('gives every service an image', () => {
    for (const [name, service] of services) expect(service.image, name).toBeTruthy();
  });

  it('binds every published port to 127.0.0.1', () => {
    for (const [name, service] of services) {
      for (const port of service.ports ?? []) {
        const hostIp = typeof port === 'string' ? port.split(':')[0] : port.host_ip;
        expect(hostIp, `${name}: ${JSON.stringify(port)}`).toBe('127.0.0.1');
      }
    }
  });

  it('declares every named volume it mounts', () => {
    const declared = new Set(Object.keys(compose.volumes ?? {}));
    for (const [name, service] of services) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : (volume.source ?? '');
        // Paths (./x, /x) are bind mounts, not named volumes.
        if (source.startsWith('.') || source.startsWith('/')) continue;
        expect(declared.has(source), `${name} mounts undeclared volume ${source}`).toBe(true);
      }
    }
  });

  it('depends only on services that exist', () => {
    for (const [name, service] of services) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(compose.services[dep], `${name} depends on ${dep}`).toBeDefined();
    }
  });

  it('lists in .env.example every ${VAR} it reads', () => {
    const referenced = [...composeText.matchAll(/(?<!\$)\$\{([A-Z0-9_]+)/g)].map((match) => match[1]!);
    expect(referenced.length).toBeGreaterThan(0);
    // Image overrides have defaults and are optional; everything else must be documented.
    const missing = [...new Set(referenced)].filter((key) => !key.endsWith('_IMAGE') && !envExampleKeys.has(key));
    expect(missing).toEqual([]);
  });

  it("points Evolution API's database and redis URIs at services that exist", () => {
    const env = compose.services.evolution?.environment as Record<string, string> | undefined;
    expect(env).toBeDefined();
    for (const key of ['DATABASE_CONNECTION_URI', 'CACHE_REDIS_URI', 'CHATWOOT_IMPORT_DATABASE_CONNECTION_URI']) {
      const uri = env![key];
      expect(uri, key).toBeTruthy();
      const host = /^[a-z]+:\/\/(?:[^@/]*@)?([^:/]+)/.exec(uri!)?.[1];
      expect(compose.services[host ?? ''], `${key} host ${host}`).toBeDefined();
    }
  });
});

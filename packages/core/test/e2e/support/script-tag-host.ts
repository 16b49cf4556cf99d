import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

/** The two built script-tag files, as a site would host them side by side. */
const LAUNCHER = readFileSync(new URL('../../../dist/wootkit.global.js', import.meta.url));
const CORE = readFileSync(new URL('../../../dist/wootkit.core.global.js', import.meta.url));

export interface ScriptTagHostOptions {
  /** The folder the two files are served from, e.g. `/js` (default: the root). */
  dir?: string;
  /** The host page for a request that is not one of the two files; `undefined` answers "not found". */
  page(url: URL): { html: string; csp?: string } | undefined;
  /** The status for the core file, read on each request (a test sets 404 to see a failed fetch). */
  coreStatus?: () => number;
}

export interface ScriptTagHost {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** A host site on 127.0.0.1 serving wootkit's built script tag (launcher + core) and the pages a test writes. */
export async function startScriptTagHost(options: ScriptTagHostOptions): Promise<ScriptTagHost> {
  const dir = options.dir ?? '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const js = { 'content-type': 'application/javascript' };
    if (url.pathname === `${dir}/wootkit.global.js`) return void res.writeHead(200, js).end(LAUNCHER);
    if (url.pathname === `${dir}/wootkit.core.global.js`) {
      const status = options.coreStatus?.() ?? 200;
      return void res.writeHead(status, js).end(status === 200 ? CORE : 'not found');
    }
    const served = options.page(url);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(served?.csp && { 'content-security-policy': served.csp }),
    });
    res.end(served?.html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

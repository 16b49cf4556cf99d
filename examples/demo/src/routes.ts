/**
 * The demo server's routes, on plain `node:http`:
 *
 *   GET  /                              the demo page
 *   GET  /assets/wootkit.global.js      @wootkit/core's script-tag build (the launcher)
 *   GET  /assets/wootkit.core.global.js the core file the launcher fetches on intent
 *   GET  /assets/demo.js                the page's Preact section
 *   POST /api/login                     identity: server-computed identifier hash
 *   POST /api/follow-up                 the app writes first (notify); shows as unread while the chat is closed
 *   GET  /api/events                    the live log (server-sent events)
 *   POST /webhooks/chatwoot             Chatwoot's account webhook (GET answers as a health check)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeWebhookHandler } from '@wootkit/server';
import type { ActivityLog } from './activity-log';
import type { DemoAssets } from './assets';
import { HttpError, sendJson, sendText } from './http';

export const WEBHOOK_PATH = '/webhooks/chatwoot';

export interface DemoRoutes {
  page: string;
  assets: DemoAssets;
  log: ActivityLog;
  login: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  followUp: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  webhook: NodeWebhookHandler;
}

export function createRequestHandler(routes: DemoRoutes) {
  return async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    try {
      if (path === WEBHOOK_PATH) return await routes.webhook(req, res);
      if (method === 'POST' && path === '/api/login') return await routes.login(req, res);
      if (method === 'POST' && path === '/api/follow-up') return await routes.followUp(req, res);
      if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'method_not_allowed' });
      switch (path) {
        case '/':
          return sendText(res, 200, 'text/html; charset=utf-8', routes.page);
        case '/assets/wootkit.global.js':
          return sendText(res, 200, 'text/javascript; charset=utf-8', routes.assets.wootkitGlobal);
        case '/assets/wootkit.core.global.js':
          return sendText(res, 200, 'text/javascript; charset=utf-8', routes.assets.wootkitCore);
        case '/assets/demo.js':
          return sendText(res, 200, 'text/javascript; charset=utf-8', routes.assets.pageScript);
        case '/api/events':
          return routes.log.serveEvents(req, res);
        case '/favicon.ico':
          res.writeHead(204);
          return void res.end();
        default:
          return sendJson(res, 404, { error: 'not_found' });
      }
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.code });
      routes.log.add('error', `${method} ${path} failed: ${(error as Error)?.name ?? 'Error'}`);
      sendJson(res, 500, { error: 'internal_error' });
    }
  };
}

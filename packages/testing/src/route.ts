import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One part of the stand-in (widget side, REST API, …). `handle` answers the request and returns true, or
 * returns false to let the next part try.
 */
export interface RouteModule {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean>;
  /** Called when the server closes (stop timers, webhook deliveries, …). */
  close?(): void | Promise<void>;
}

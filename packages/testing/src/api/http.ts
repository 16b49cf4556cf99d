import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answer in Chatwoot's shape; handlers throw it and the module writes it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** Chatwoot's error bodies (request_exception_handler.rb and friends). */
export const errors = {
  invalidToken: () => new HttpError(401, { error: 'Invalid Access Token' }),
  noToken: () => new HttpError(401, { errors: ['You need to sign in or sign up before continuing.'] }),
  notAuthorized: () => new HttpError(401, { error: 'You are not authorized to do this action' }),
  notForBots: () => new HttpError(401, { error: 'Access to this endpoint is not authorized for bots' }),
  notThisAccount: () => new HttpError(401, { error: 'You are not authorized to access this account' }),
  notFound: () => new HttpError(404, { error: 'Resource could not be found' }),
  /** ActiveRecord::RecordInvalid: full messages joined, attribute names listed. */
  invalid: (problems: Array<{ attribute: string; message: string }>) =>
    new HttpError(422, {
      message: problems.map((problem) => problem.message).join(', '),
      attributes: [...new Set(problems.map((problem) => problem.attribute))],
    }),
  /** render_could_not_create_error / ParameterMissing. */
  unprocessable: (message: string) => new HttpError(422, { error: message }),
};

/** Body size the stand-in accepts (Chatwoot sits behind a proxy with a similar cap). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Reads and parses a JSON body; an empty body is `{}`; malformed JSON is Rails' 400. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, { error: 'Request Entity Too Large' });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, { status: 400, error: 'Bad Request' });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // Rails answers `render json: nil` with the literal `null`.
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

/** rack_attack's throttled answer: text/plain, no Retry-After. */
export function sendThrottled(res: ServerResponse): void {
  res.writeHead(429, { 'content-type': 'text/plain' });
  res.end('Retry later\n');
}

/** Parses the query string; `a[]=1&a[]=2` and repeated keys become arrays under the bare name. */
export function parseQuery(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [rawKey, value] of url.searchParams) {
    const isArray = rawKey.endsWith('[]');
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    const existing = query[key];
    if (isArray || existing !== undefined) {
      query[key] = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), value];
    } else query[key] = value;
  }
  return query;
}

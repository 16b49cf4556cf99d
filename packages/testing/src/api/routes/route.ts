import type { AccountRecord, FakeDb, Principal } from '../db';

/** What a route handler gets. */
export interface RouteContext {
  db: FakeDb;
  principal: Principal;
  /** The account in the path (absent for /profile). */
  account: AccountRecord;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: Record<string, unknown>;
}

/** A handler's answer; `body: undefined` sends an empty 200 (Rails' `head :ok`). */
export interface RouteResult {
  status?: number;
  body?: unknown;
}

/** One endpoint of the stand-in. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path after `/api/v1/accounts/:account_id`, with `:name` parameters (or an absolute path for /profile). */
  path: string;
  /** Agent bots may call it (AccessTokenAuthHelper::BOT_ACCESSIBLE_ENDPOINTS). Default false. */
  bots?: boolean;
  /** Administrators only (Pundit policy). */
  adminOnly?: boolean;
  /** Counts against the contact-search limit. */
  search?: boolean;
  handle(context: RouteContext): RouteResult | Promise<RouteResult>;
}

/** Reads an integer route or query parameter; anything else is a 404 as ActiveRecord's find would give. */
export function intParam(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** `page` as Kaminari reads it: missing or invalid is page 1. */
export function pageParam(query: Record<string, string | string[]>): number {
  const page = intParam(query.page);
  return page && page > 0 ? page : 1;
}

export function paginateList<T>(items: T[], page: number, perPage: number): T[] {
  return items.slice((page - 1) * perPage, page * perPage);
}

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

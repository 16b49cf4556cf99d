/**
 * `POST /api/login`: the demo's login. The server normalises the phone number, decides the identifier and signs it
 * with the inbox's HMAC token (`identifierHash`). The browser gets the hash, never the token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { identifierHash, normalizePhone, PhoneNumberError } from '@wootkit/server';
import type { ActivityLog } from './activity-log';
import type { CustomerDirectory } from './customers';
import { readJsonBody, sendJson } from './http';

/** Numbers written without `+` are read as Mexican (the demo's example customer is in Mexico City). */
export const DEFAULT_PHONE_COUNTRY = 'MX';

/** The demo's session cookie: which customer this browser logged in as (a real app has real sessions). */
export const SESSION_COOKIE = 'demo_customer';

/** The logged-in customer's identifier from the request's session cookie. */
export function sessionIdentifier(req: IncomingMessage): string | undefined {
  const cookies = req.headers.cookie?.split(';').map((part) => part.trim().split('=')) ?? [];
  const value = cookies.find(([name]) => name === SESSION_COOKIE)?.[1];
  return value === undefined ? undefined : decodeURIComponent(value);
}

/** What the page passes to `setUser(identifier, user)`. */
export interface LoginAnswer {
  identifier: string;
  user: { name: string; email?: string; phone_number: string; identifier_hash: string };
}

export function createLoginHandler(options: { hmacToken: string; customers: CustomerDirectory; log: ActivityLog }) {
  const { hmacToken, customers, log } = options;
  return async function handleLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req);
    const name = typeof body.name === 'string' ? body.name.trim().slice(0, 80) : '';
    const email = typeof body.email === 'string' && body.email.trim() !== '' ? body.email.trim().slice(0, 120) : null;
    const country = typeof body.country === 'string' && body.country !== '' ? body.country : DEFAULT_PHONE_COUNTRY;
    if (!name) return sendJson(res, 422, { error: 'name_required', message: 'Please enter your name.' });
    let phone: string;
    try {
      phone = normalizePhone(String(body.phone ?? ''), { defaultCountry: country });
    } catch (error) {
      if (!(error instanceof PhoneNumberError)) throw error;
      return sendJson(res, 422, { error: error.code, message: 'That phone number does not look valid.' });
    }

    const customer = customers.logIn({ name, email, phone });
    const hash = identifierHash(customer.identifier, hmacToken);
    log.add('identity', `${name} logged in as ${customer.identifier}; the server signed the identifier (identifierHash) — only the hash goes to the browser`, {
      identifier: customer.identifier,
      phone,
    }, { customer: customer.identifier });
    const answer: LoginAnswer = {
      identifier: customer.identifier,
      user: { name, ...(email && { email }), phone_number: phone, identifier_hash: hash },
    };
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(customer.identifier)}; Path=/; HttpOnly; SameSite=Lax`);
    sendJson(res, 200, answer);
  };
}

import type { Db } from '@/db/client';
import type { Caller } from '../context';
import { inspectToken, resolveToken, TOKEN_PROBLEM_TEXT } from '../auth/tokens';
import { Unauthorized } from '../errors';
import { SESSION_COOKIE } from '../auth/sessions';

function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/**
 * The secret a request carries, from (in order) X-Auth-Token (Keystone/Huawei),
 * Authorization: Token (NetEase) or Bearer, or the console's session cookie.
 */
export function presentedSecret(headers: Headers): string | null {
  const xAuth = headers.get('x-auth-token');
  if (xAuth) return xAuth.trim();
  const authz = headers.get('authorization');
  if (authz) {
    const m = /^(Token|Bearer)\s+(\S+)\s*$/i.exec(authz);
    return m ? m[2] : null;
  }
  return cookieValue(headers.get('cookie'), SESSION_COOKIE);
}

export async function authenticate(db: Db, headers: Headers, now: Date): Promise<Caller | null> {
  const secret = presentedSecret(headers);
  return secret ? resolveToken(db, secret, now) : null;
}

/**
 * The caller, or Unauthorized saying what is wrong: no credential (with
 * `missing` as the text, which dialects may word their own way), or a token
 * that is unknown, expired, revoked or whose user is disabled.
 */
export async function requireCaller(db: Db, headers: Headers, now: Date, missing: string): Promise<Caller> {
  const secret = presentedSecret(headers);
  if (!secret) throw new Unauthorized(missing);
  const r = await inspectToken(db, secret, now);
  if (r.problem) throw new Unauthorized(TOKEN_PROBLEM_TEXT[r.problem]);
  return r.caller;
}

/** Set by Pier's own server from the socket; any value a client sends is overwritten. */
export const PEER_HEADER = 'x-pier-peer-address';
/** Set the same way: the request's path, for pages that must name it (sign-in redirects). */
export const PATH_HEADER = 'x-pier-path';

/**
 * The client's address for sign-in limits: the socket's peer, or behind a
 * reverse proxy (PIER_TRUST_PROXY=true) the left-most X-Forwarded-For entry.
 */
export function clientAddress(headers: Headers): string | null {
  if (process.env.PIER_TRUST_PROXY === 'true') {
    const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first;
  }
  return headers.get(PEER_HEADER) || null;
}

export { cookieValue };

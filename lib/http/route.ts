import type { Ctx } from '../context';
import { systemClock } from '../context';
import { errorResponse, type Dialect } from './dialect';
import { requireCaller } from './credentials';
import { getStore } from './store';

export interface RouteArgs<P> {
  req: Request;
  ctx: Ctx;
  params: P;
}

export interface PublicArgs<P> {
  req: Request;
  db: Ctx['db'];
  clock: Ctx['clock'];
  params: P;
}

type NextContext<P> = { params: Promise<P> };

/** ote's seed words its 401 this way; the others get a sentence saying how to authenticate. */
function missingCredentialText(dialect: Dialect): string {
  return dialect.name === 'ote'
    ? 'User need to log in first.'
    : 'authentication required: send X-Auth-Token, Authorization: Token|Bearer, or sign in';
}

/**
 * The one wrapper around every authenticated route handler: authenticate,
 * build the context, call, and map errors to the dialect's wire shape.
 */
export function route<P = Record<string, string>>(dialect: Dialect, fn: (a: RouteArgs<P>) => Promise<Response>) {
  return async (req: Request, next?: NextContext<P>): Promise<Response> => {
    try {
      const { db } = await getStore();
      const clock = systemClock;
      const user = await requireCaller(db, req.headers, clock.now(), missingCredentialText(dialect));
      const params = (next ? await next.params : {}) as P;
      return await fn({ req, ctx: { db, user, clock, source: dialect.name }, params });
    } catch (err) {
      return errorResponse(dialect, err);
    }
  };
}

/** For the few handlers that run before anyone is signed in (sign-in, token issue, health). */
export function publicRoute<P = Record<string, string>>(dialect: Dialect, fn: (a: PublicArgs<P>) => Promise<Response>) {
  return async (req: Request, next?: NextContext<P>): Promise<Response> => {
    try {
      const { db } = await getStore();
      const params = (next ? await next.params : {}) as P;
      return await fn({ req, db, clock: systemClock, params });
    } catch (err) {
      return errorResponse(dialect, err);
    }
  };
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers: h });
}

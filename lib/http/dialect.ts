import { PierError, TooManyRequests } from '../errors';

/** What a dialect says when the core throws. */
export interface WireError {
  status: number;
  body: unknown;
}

export interface Dialect {
  name: string;
  toWire(err: PierError): WireError;
  /** Unknown errors: a generic 500, never the stack. */
  internal(): WireError;
}

export function errorResponse(dialect: Dialect, err: unknown): Response {
  if (!(err instanceof PierError)) {
    console.error(`pier: unhandled error in ${dialect.name} route:`, err);
  }
  const wire = err instanceof PierError ? dialect.toWire(err) : dialect.internal();
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
  if (err instanceof TooManyRequests) headers.set('retry-after', String(err.retryAfterSeconds));
  if (wire.status === 401) headers.set('www-authenticate', 'Token realm="pier"');
  return new Response(JSON.stringify(wire.body), { status: wire.status, headers });
}

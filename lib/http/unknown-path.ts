import { NotFound } from '../errors';
import type { Dialect } from './dialect';
import { route, type RouteArgs } from './route';

type AnyParams = Record<string, string | string[]>;

/**
 * A dialect's answer for a path it does not serve (yet): authenticated
 * like every other route, then a 404 in the dialect's own error shape.
 */
export function unknownPath(dialect: Dialect, check?: (a: RouteArgs<AnyParams>) => Promise<void>) {
  const handler = route<AnyParams>(dialect, async (a) => {
    if (check) await check(a);
    throw new NotFound(`${a.req.method} ${new URL(a.req.url).pathname}`);
  });
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}

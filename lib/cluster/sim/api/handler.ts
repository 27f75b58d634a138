import { errorResponse } from '@/lib/http/dialect';
import { presentedSecret } from '@/lib/http/credentials';
import { getStore } from '@/lib/http/store';
import { inspectTokenCached, TOKEN_PROBLEM_TEXT } from '@/lib/auth/tokens';
import type { Caller } from '@/lib/context';
import { systemClock } from '@/lib/context';
import type { Db } from '@/db/client';
import { Unauthorized } from '@/lib/errors';
import { k8sDialect } from './dialect';
import { serveK8s } from './serve';

export type K8sParams = { cluster: string; path: string[] };

/**
 * The caller, as `route()` finds it, except that a verified token is
 * remembered for a few seconds (lib/auth/tokens.ts, TOKEN_CACHE_MS):
 * kubectl, informers and Pier's own adapter send the same token with every
 * list page, write and watch.
 */
async function k8sCaller(db: Db, headers: Headers, now: Date): Promise<Caller> {
  const secret = presentedSecret(headers);
  if (!secret) throw new Unauthorized('Unauthorized');
  const r = await inspectTokenCached(db, secret, now);
  if (r.problem) throw new Unauthorized(TOKEN_PROBLEM_TEXT[r.problem]);
  return r.caller;
}

/**
 * A simulated cluster's Kubernetes API: /k8s/<cluster>/api/v1/..., /apis/..., /version.
 * The same wrapper as every route (authenticate, build the context, call, map
 * errors to the dialect), with the token check above.
 */
export async function k8sHandler(req: Request, next?: { params: Promise<K8sParams> }): Promise<Response> {
  try {
    const { db } = await getStore();
    const clock = systemClock;
    const user = await k8sCaller(db, req.headers, clock.now());
    const params = (next ? await next.params : { cluster: '', path: [] }) as K8sParams;
    return await serveK8s({ db, user, clock, source: k8sDialect.name }, req, params.cluster, params.path);
  } catch (err) {
    return errorResponse(k8sDialect, err);
  }
}

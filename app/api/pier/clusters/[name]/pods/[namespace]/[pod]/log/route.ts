import { pier } from '@/lib/dialects/pier/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { podLog } from '@/lib/pods-console/logs';
import { podLogQuery } from '@/lib/pods-console/schema';

export const dynamic = 'force-dynamic';

/** text/plain; with follow=true the body stays open and grows line by line. */
export const GET = route<{ name: string; namespace: string; pod: string }>(pier, async ({ req, ctx, params }) => {
  const q = parseWith(podLogQuery, queryObject(req));
  const body = await podLog(ctx, params.name, params.namespace, params.pod, q, req.signal);
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' } });
});

import { pier } from '@/lib/dialects/pier/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { podStreamQuery } from '@/lib/pods-console/schema';
import { podStream } from '@/lib/pods-console/stream';

export const dynamic = 'force-dynamic';

/** Server-Sent Events; a reconnecting EventSource resumes from its Last-Event-ID (a resourceVersion). */
export const GET = route<{ name: string }>(pier, async ({ req, ctx, params }) => {
  const { since, ...q } = parseWith(podStreamQuery, queryObject(req));
  const last = req.headers.get('last-event-id');
  const from = last && /^\d+$/.test(last) ? last : since;
  const body = await podStream(ctx, params.name, q, from, req.signal);
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
});

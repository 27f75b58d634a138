import { pier } from '@/lib/dialects/pier/errors';
import { requestsQuery } from '@/lib/deploy/console-wire';
import { listRequests } from '@/lib/deploy/list';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** The audit queue: `status=pending` (default) oldest first, `decided` newest first, or one status code. */
export const GET = route(pier, async ({ req, ctx }) => {
  const q = parseWith(requestsQuery, queryObject(req));
  const status = q.status === 'pending' ? 0 : q.status === 'decided' ? undefined : q.status;
  const page = await listRequests(ctx, {
    page: q.page, pageSize: q.pageSize, businessName: q.businessName, appName: q.appName, status,
    decided: q.status === 'decided', orderBy: q.status === 'pending' ? 'id' : 'updateTime', order: q.status === 'pending' ? 'asc' : 'desc',
  });
  return json(page);
});

import { pier } from '@/lib/dialects/pier/errors';
import { deployCreate, deploymentsQuery } from '@/lib/deploy/console-wire';
import { listDeployments } from '@/lib/deploy/list';
import { requestDeployment } from '@/lib/deploy/request';
import { editable } from '@/lib/deploy/states';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ req, ctx }) => {
  const q = parseWith(deploymentsQuery, queryObject(req));
  const page = await listDeployments(ctx, { page: q.page, pageSize: q.pageSize, appName: q.appName, appNameMode: 'partial', running: 'all' });
  return json({ items: page.items.map((d) => ({ ...d, editable: editable(d.status) && !d.deletedAt })), total: page.total });
});

export const POST = route(pier, async ({ req, ctx }) => {
  const r = await requestDeployment(ctx, await jsonBody(req, deployCreate));
  return json({ id: r.deployment.seq, requestId: r.request.seq, status: r.request.status }, 201);
});

import { deployItemOf, deployListQuery, project } from '@/lib/dialects/ote/deploy';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { listDeployments } from '@/lib/deploy/list';
import { editable } from '@/lib/deploy/states';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { createDeployment } from './create';

export const GET = route(ote, async ({ req, ctx }) => {
  const q = parseWith(deployListQuery, queryObject(req));
  const page = await listDeployments(ctx, q);
  return json(oteBody(page.items.map((d) => project(deployItemOf(d, editable(d.status) && !d.deletedAt), q.field)), { total: page.total }));
});

export const POST = createDeployment;

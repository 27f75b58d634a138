import { ote } from '@/lib/dialects/ote/errors';
import { imageDelete, imageListQuery, oteBody } from '@/lib/dialects/ote/images';
import { bodyOrQuery } from '@/lib/dialects/ote/images-input';
import { IMAGE_ORDER, imageItemOf } from '@/lib/dialects/ote/images-view';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { splitImageName } from '@/lib/images/names';
import { deleteRepositories, listRepositories } from '@/lib/images/repositories';

export const GET = route(ote, async ({ req, ctx }) => {
  const q = parseWith(imageListQuery, queryObject(req));
  const page = await listRepositories(ctx, {
    workspace: q.projectName, q: q.imageName, orderBy: IMAGE_ORDER[q.orderBy], order: q.order, page: q.page, pageSize: q.pageSize,
  });
  return json(oteBody(page.items.map(imageItemOf), { total: page.total }));
});

export const DELETE = route(ote, async ({ req, ctx }) => {
  const { imageName } = await bodyOrQuery(req, imageDelete, ['imageName']);
  await deleteRepositories(ctx, imageName.map((n) => { const s = splitImageName(n)!; return { workspace: s.workspace, name: s.repository }; }));
  return json(oteBody(null));
});

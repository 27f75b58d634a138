import { ote } from '@/lib/dialects/ote/errors';
import { oteBody, tagDelete, tagListQuery } from '@/lib/dialects/ote/images';
import { bodyOrQuery } from '@/lib/dialects/ote/images-input';
import { TAG_ORDER, tagItemOf } from '@/lib/dialects/ote/images-view';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { splitImageName } from '@/lib/images/names';
import { getRepository } from '@/lib/images/repositories';
import { deleteTags, listTags } from '@/lib/images/tags';

export const GET = route(ote, async ({ req, ctx }) => {
  const q = parseWith(tagListQuery, queryObject(req));
  const { workspace, repository } = splitImageName(q.imageName)!;
  const repo = await getRepository(ctx, workspace, repository);
  const page = await listTags(ctx, workspace, repository, { orderBy: TAG_ORDER[q.orderBy], order: q.order, page: q.page, pageSize: q.pageSize });
  return json(oteBody(page.items.map((t) => tagItemOf(repo, t)), { total: page.total }));
});

export const DELETE = route(ote, async ({ req, ctx }) => {
  const input = await bodyOrQuery(req, tagDelete, ['tag']);
  const { workspace, repository } = splitImageName(input.imageName)!;
  await deleteTags(ctx, workspace, repository, input.tag);
  return json(oteBody(null));
});

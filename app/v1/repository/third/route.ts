import { ote } from '@/lib/dialects/ote/errors';
import { oteBody, thirdCreate, thirdListQuery } from '@/lib/dialects/ote/images';
import { thirdItemOf } from '@/lib/dialects/ote/images-view';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { createThirdRegistry, listThirdRegistries } from '@/lib/images/third-registries';

export const GET = route(ote, async ({ req, ctx }) => {
  const q = parseWith(thirdListQuery, queryObject(req));
  const page = await listThirdRegistries(ctx, { page: q.page, pageSize: q.pageSize });
  return json(oteBody(page.items.map(thirdItemOf), { total: page.total }));
});

export const POST = route(ote, async ({ req, ctx }) => {
  const input = await jsonBody(req, thirdCreate);
  const created = await createThirdRegistry(ctx, { name: input.repositoryId, address: input.address, username: input.user, password: input.password });
  return json(oteBody(thirdItemOf(created), { code: 201 }), 201);
});

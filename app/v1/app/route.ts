import { appCreate, appDelete, appListQuery, specOf } from '@/lib/dialects/ote/app';
import { appItemOf } from '@/lib/dialects/ote/app-view';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { bodyOrQuery } from '@/lib/dialects/ote/images-input';
import { createAppVersion } from '@/lib/catalog/create';
import { deleteAppVersions } from '@/lib/catalog/delete';
import { listAppVersions } from '@/lib/catalog/list';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** `GET /v1/app`: the seed names the list `apps` (not `data`). */
export const GET = route(ote, async ({ req, ctx }) => {
  const q = parseWith(appListQuery, queryObject(req));
  const page = await listAppVersions(ctx, q);
  return json({ apps: page.items.map((v) => appItemOf(v)), total: page.total, code: 200, message: 'success' });
});

export const POST = route(ote, async ({ req, ctx }) => {
  const input = await jsonBody(req, appCreate);
  const v = await createAppVersion(ctx, {
    appName: input.appName, version: input.version, projectName: input.projectName, kind: 'spec', spec: specOf(input), dependence: input.dependence,
  });
  return json(oteBody(appItemOf(v)));
});

/** `DELETE /v1/app` with `{ "appId": [1, 2] }`, or `?appId=1&appId=2` without a body. */
export const DELETE = route(ote, async ({ req, ctx }) => {
  const { appId } = await bodyOrQuery(req, appDelete, ['appId']);
  await deleteAppVersions(ctx, appId);
  return json(oteBody(null));
});

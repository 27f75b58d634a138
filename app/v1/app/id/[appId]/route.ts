import { getAppVersionBySeq } from '@/lib/catalog/list';
import { appIdParams } from '@/lib/dialects/ote/app';
import { appItemOf } from '@/lib/dialects/ote/app-view';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { parseWith } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route<{ appId: string }>(ote, async ({ ctx, params }) => {
  const { appId } = parseWith(appIdParams, params);
  return json(oteBody(appItemOf(await getAppVersionBySeq(ctx, appId), { detail: true })));
});

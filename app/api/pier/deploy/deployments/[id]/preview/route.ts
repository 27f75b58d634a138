import { pier } from '@/lib/dialects/pier/errors';
import { idParams, previewQuery } from '@/lib/deploy/console-wire';
import { previewChange } from '@/lib/deploy/preview';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** `?version=`: what an upgrade or rollback to it would change; without: what removal would. */
export const GET = route<{ id: string }>(pier, async ({ req, ctx, params }) => {
  const { id } = parseWith(idParams, params);
  const { version } = parseWith(previewQuery, queryObject(req));
  return json(await previewChange(ctx, id, version ?? null));
});

import { pier } from '@/lib/dialects/pier/errors';
import { deployRollback, idParams } from '@/lib/deploy/console-wire';
import { requestRollback } from '@/lib/deploy/request';
import { jsonBody, parseWith } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const POST = route<{ id: string }>(pier, async ({ req, ctx, params }) => {
  const { id } = parseWith(idParams, params);
  const r = await requestRollback(ctx, id, await jsonBody(req, deployRollback));
  return json({ id, requestId: r.seq, status: r.status }, 201);
});

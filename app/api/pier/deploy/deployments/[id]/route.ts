import { pier } from '@/lib/dialects/pier/errors';
import { deleteBody, idParams } from '@/lib/deploy/console-wire';
import { deploymentPage } from '@/lib/deploy/page';
import { requestDelete } from '@/lib/deploy/request';
import { jsonBody, parseWith } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(pier, async ({ ctx, params }) => json(await deploymentPage(ctx, parseWith(idParams, params).id)));

/** Removal is a request like the others: it waits in the audit queue. */
export const DELETE = route<P>(pier, async ({ req, ctx, params }) => {
  const { id } = parseWith(idParams, params);
  const { comment } = await jsonBody(req, deleteBody);
  const r = await requestDelete(ctx, { seq: id }, comment);
  return json({ id, requestId: r.seq, status: r.status });
});

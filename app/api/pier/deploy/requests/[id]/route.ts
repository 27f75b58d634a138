import { pier } from '@/lib/dialects/pier/errors';
import { decision, idParams } from '@/lib/deploy/console-wire';
import { decideRequest } from '@/lib/deploy/decide';
import { getRequest } from '@/lib/deploy/queue';
import { requestDiff } from '@/lib/deploy/request-diff';
import { jsonBody, parseWith } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { id: string };

/** One request of the caller's audit scope with what approving it would change. */
export const GET = route<P>(pier, async ({ ctx, params }) => {
  const { id } = parseWith(idParams, params);
  const request = await getRequest(ctx, id);
  return json({ request, diff: await requestDiff(ctx, id) });
});

/** Approve (1) or reject (2, a comment required); a request already decided is 409. */
export const POST = route<P>(pier, async ({ req, ctx, params }) => {
  const { id } = parseWith(idParams, params);
  const d = await jsonBody(req, decision);
  const r = await decideRequest(ctx, id, d.status, d.comment);
  return json({ id: r.seq, status: r.status, comment: r.auditComment });
});

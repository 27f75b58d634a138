import { auditDecision, auditListQuery, Unprocessable } from '@/lib/dialects/ote/deploy';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody, unixSeconds } from '@/lib/dialects/ote/images';
import { decideRequest } from '@/lib/deploy/decide';
import { listRequests } from '@/lib/deploy/list';
import { Invalid } from '@/lib/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** `GET /v1/admin/deploy`: requests in the caller's audit scope; bad parameters are the seed's 422. */
export const GET = route(ote, async ({ req, ctx }) => {
  let q;
  try {
    q = parseWith(auditListQuery, queryObject(req));
  } catch (err) {
    if (err instanceof Invalid) throw new Unprocessable(err.message);
    throw err;
  }
  const page = await listRequests(ctx, q);
  return json(oteBody(page.items.map((r) => ({
    id: r.seq, businessName: r.businessName, appName: r.appName, version: r.version, cluster: r.clusters.join(','), deployId: r.deploymentSeq,
    deployName: r.deployName, deployType: r.type, status: r.status, comment: r.auditComment, requestComment: r.comment,
    requestedBy: r.requestedBy, decidedBy: r.decidedBy, fromVersion: r.fromVersion, createTime: unixSeconds(r.createdAt), updateTime: unixSeconds(r.updatedAt),
  })), { total: page.total }));
});

/** `PUT /v1/admin/deploy` (the seed's example uses POST: both). */
export const PUT = route(ote, async ({ req, ctx }) => {
  const d = await jsonBody(req, auditDecision);
  const r = await decideRequest(ctx, d.id, d.status, d.comment);
  return json(oteBody({ id: r.seq, status: r.status, comment: r.auditComment }));
});

export const POST = PUT;

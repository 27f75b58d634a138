import { deleteRevisions, workloadRevisions } from '@/lib/workloads/revisions';
import { WORKLOAD_PRODUCT_TYPES } from '@/lib/dialects/ecns/workloads';
import { nameParam, oneQuery, revisionsDeleteQuery } from '@/lib/dialects/ecns/workloads-requests';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { productType: string; name: string };

export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const name = parseWith(nameParam, { name: params.name }).name;
  const q = parseWith(oneQuery, queryObject(req));
  return json(await workloadRevisions(ctx, q.workload_type, name));
});

/** One revision (?history_version=) or every revision but the current one. */
export const DELETE = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const name = parseWith(nameParam, { name: params.name }).name;
  const q = parseWith(revisionsDeleteQuery, queryObject(req));
  return json(await deleteRevisions(ctx, q.workload_type, name, q.history_version));
});

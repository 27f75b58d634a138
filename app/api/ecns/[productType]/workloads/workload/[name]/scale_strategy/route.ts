import { workloadAspect } from '@/lib/workloads/patch';
import { WORKLOAD_PRODUCT_TYPES } from '@/lib/dialects/ecns/workloads';
import { nameParam, oneQuery } from '@/lib/dialects/ecns/workloads-requests';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string; name: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const name = parseWith(nameParam, { name: params.name }).name;
  const q = parseWith(oneQuery, queryObject(req));
  return json(await workloadAspect(ctx, q.workload_type, name, 'scale_strategy'));
});

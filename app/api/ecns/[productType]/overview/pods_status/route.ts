import { podsOverview } from '@/lib/workloads/pods';
import { podsOverviewQuery, POD_PRODUCT_TYPES } from '@/lib/dialects/ecns/pods';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, POD_PRODUCT_TYPES);
  const q = parseWith(podsOverviewQuery, queryObject(req));
  return json(await podsOverview(ctx, q.apiserver_host));
});

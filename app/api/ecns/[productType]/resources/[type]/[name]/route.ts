import { resourcePath, resourceQuery, CLUSTER_PRODUCT_TYPES } from '@/lib/dialects/ecns/cluster';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { resourceExists } from '@/lib/cluster/ecns/existence';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string; type: string; name: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, CLUSTER_PRODUCT_TYPES);
  const p = parseWith(resourcePath, { type: params.type, name: params.name });
  const q = parseWith(resourceQuery, queryObject(req));
  return json(await resourceExists(ctx, { type: p.type, name: p.name, clusterType: q.cluster_type, clusterName: q.cluster_name }));
});

import { CLUSTER_PRODUCT_TYPES, nodesQuery } from '@/lib/dialects/ecns/cluster';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { clusterNodes } from '@/lib/cluster/ecns/nodes';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, CLUSTER_PRODUCT_TYPES);
  const q = parseWith(nodesQuery, queryObject(req));
  return json(await clusterNodes(ctx, { apiserverHost: q.apiserver_host, btype: q.btype ?? q.business_type }));
});

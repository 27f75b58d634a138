import { CLUSTER_PRODUCT_TYPES, nodesRoleQuery } from '@/lib/dialects/ecns/cluster';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { nodesWithRole } from '@/lib/cluster/ecns/nodes';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, CLUSTER_PRODUCT_TYPES);
  const q = parseWith(nodesRoleQuery, queryObject(req));
  return json(await nodesWithRole(ctx, { apiserverHost: q.apiserver_host, role: q.node_role }));
});

import { clusterTypeQuery, NAMESPACE_PRODUCT_TYPES, userIdsPatch } from '@/lib/dialects/ecns/namespaces';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { setNamespaceUsers } from '@/lib/cluster/namespaces/settings';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const PATCH = route<{ productType: string; clusterName: string; namespace: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  const q = parseWith(clusterTypeQuery, queryObject(req));
  const { user_ids } = await jsonBody(req, userIdsPatch);
  return json(await setNamespaceUsers(ctx, params.clusterName, params.namespace, user_ids, q.cluster_type));
});

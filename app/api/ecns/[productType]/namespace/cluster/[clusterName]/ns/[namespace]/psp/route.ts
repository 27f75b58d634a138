import { clusterTypeQuery, NAMESPACE_PRODUCT_TYPES, pspPatch } from '@/lib/dialects/ecns/namespaces';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { setNamespacePsp } from '@/lib/cluster/namespaces/settings';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const PATCH = route<{ productType: string; clusterName: string; namespace: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  const q = parseWith(clusterTypeQuery, queryObject(req));
  const { psp } = await jsonBody(req, pspPatch);
  return json(await setNamespacePsp(ctx, params.clusterName, params.namespace, psp, q.cluster_type));
});

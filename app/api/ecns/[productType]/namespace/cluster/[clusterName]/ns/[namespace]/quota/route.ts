import { z } from 'zod';
import { clusterTypeQuery, NAMESPACE_PRODUCT_TYPES, quotaPatch } from '@/lib/dialects/ecns/namespaces';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { getNamespaceQuota, setNamespaceQuota } from '@/lib/cluster/namespaces/settings';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { productType: string; clusterName: string; namespace: string };

export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  parseWith(z.strictObject({}), queryObject(req));
  return json(await getNamespaceQuota(ctx, params.clusterName, params.namespace));
});

export const PATCH = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  const q = parseWith(clusterTypeQuery, queryObject(req));
  const { quota } = await jsonBody(req, quotaPatch);
  return json(await setNamespaceQuota(ctx, params.clusterName, params.namespace, quota, q.cluster_type));
});

import { z } from 'zod';
import { businessTypeQuery, LIST_CLUSTER_TYPES, NAMESPACE_PRODUCT_TYPES } from '@/lib/dialects/ecns/namespaces';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { listNamespacesByClusterType } from '@/lib/cluster/namespaces/list';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

const clusterType = z.strictObject({ cluster_type: z.enum(LIST_CLUSTER_TYPES, { error: `one of ${LIST_CLUSTER_TYPES.join(', ')}` }) });

export const GET = route<{ productType: string; clusterType: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  const { cluster_type } = parseWith(clusterType, { cluster_type: params.clusterType });
  const q = parseWith(businessTypeQuery, queryObject(req));
  return json({ namespaces: await listNamespacesByClusterType(ctx, cluster_type, q.business_type) });
});

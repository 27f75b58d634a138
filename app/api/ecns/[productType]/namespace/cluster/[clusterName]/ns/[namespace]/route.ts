import { NAMESPACE_PRODUCT_TYPES } from '@/lib/dialects/ecns/namespaces';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { deleteNamespace } from '@/lib/cluster/namespaces/delete';
import { route } from '@/lib/http/route';

export const DELETE = route<{ productType: string; clusterName: string; namespace: string }>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  await deleteNamespace(ctx, params.clusterName, params.namespace);
  return new Response(null, { status: 204 });
});

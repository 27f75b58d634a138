import { NAMESPACE_PRODUCT_TYPES } from '@/lib/dialects/ecns/namespaces';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { switchNamespace } from '@/lib/cluster/namespaces/switch';
import { json, route } from '@/lib/http/route';

/** 切换命名空间: a GET that sets the caller's current project, cluster and namespace (as the seed has it). */
export const GET = route<{ productType: string; projectId: string; clusterName: string; namespace: string }>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  return json(await switchNamespace(ctx, params.projectId, params.clusterName, params.namespace));
});

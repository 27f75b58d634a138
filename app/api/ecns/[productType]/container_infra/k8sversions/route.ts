import { CLUSTER_PRODUCT_TYPES } from '@/lib/dialects/ecns/cluster';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { K8S_VERSIONS } from '@/lib/cluster/ecns/k8s-versions';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string }>(ecns, async ({ params }) => {
  checkProductType(params.productType, CLUSTER_PRODUCT_TYPES);
  return json(K8S_VERSIONS);
});

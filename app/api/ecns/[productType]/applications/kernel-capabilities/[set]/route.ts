import { KERNEL_PRODUCT_TYPES } from '@/lib/dialects/ecns/cluster';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { CAPABILITY_SETS } from '@/lib/cluster/ecns/capabilities';
import { NotFound } from '@/lib/errors';
import { json, route } from '@/lib/http/route';

/** kernel-capabilities/default and /all; any other set is an unknown path. */
export const GET = route<{ productType: string; set: string }>(ecns, async ({ params }) => {
  checkProductType(params.productType, KERNEL_PRODUCT_TYPES);
  if (params.set !== 'default' && params.set !== 'all') throw new NotFound('path', `no kernel capability set "${params.set}" (default, all)`);
  return json({ capabilities: [...CAPABILITY_SETS[params.set]] });
});

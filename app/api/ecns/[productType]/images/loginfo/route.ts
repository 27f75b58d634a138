import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES } from '@/lib/dialects/ecns/images';
import { json, route } from '@/lib/http/route';
import { registryLoginInfo } from '@/lib/images/login-info';

/** `public_vip`: the address this request reached Pier at. */
export const GET = route<{ productType: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  return json(await registryLoginInfo(ctx, req.headers.get('host') ?? new URL(req.url).host));
});

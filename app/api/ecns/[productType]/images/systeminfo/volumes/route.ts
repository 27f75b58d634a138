import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES } from '@/lib/dialects/ecns/images';
import { json, route } from '@/lib/http/route';
import { imageStorage } from '@/lib/images/gc';

export const GET = route<{ productType: string }>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const s = await imageStorage(ctx);
  return json({ storage: { free: s.freeBytes, total: s.totalBytes, used: s.usedBytes } });
});

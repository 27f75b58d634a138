import { z } from 'zod';
import { podDetail } from '@/lib/workloads/pods';
import { podName, POD_PRODUCT_TYPES } from '@/lib/dialects/ecns/pods';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string; name: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, POD_PRODUCT_TYPES);
  const { name } = parseWith(podName, { name: params.name });
  parseWith(z.strictObject({}), queryObject(req));
  return json(await podDetail(ctx, name));
});

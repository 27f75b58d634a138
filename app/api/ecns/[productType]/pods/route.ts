import { deletePod, listPods } from '@/lib/workloads/pods';
import { podDeleteBody, podDeleteQuery, podListQuery, POD_PRODUCT_TYPES } from '@/lib/dialects/ecns/pods';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { productType: string };

export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, POD_PRODUCT_TYPES);
  return json(await listPods(ctx, parseWith(podListQuery, queryObject(req))));
});

export const DELETE = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, POD_PRODUCT_TYPES);
  const q = parseWith(podDeleteQuery, queryObject(req));
  const { pod } = await jsonBody(req, podDeleteBody);
  await deletePod(ctx, pod.name, q.force === 'true');
  return json({});
});

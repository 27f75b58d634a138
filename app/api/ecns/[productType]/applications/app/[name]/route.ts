import { applicationDetail } from '@/lib/workloads/application-read';
import { APPLICATION_PRODUCT_TYPES, applicationNameParam, applicationTypeQuery } from '@/lib/dialects/ecns/applications';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** GET /applications/app/<application_name>/?type=: application_info. */
export const GET = route<{ productType: string; name: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, APPLICATION_PRODUCT_TYPES);
  const { name } = parseWith(applicationNameParam, { name: params.name });
  const { type } = parseWith(applicationTypeQuery, queryObject(req));
  return json(await applicationDetail(ctx, name, type));
});

import { editApplication } from '@/lib/workloads/application-read';
import { APPLICATION_PRODUCT_TYPES, applicationNameParam, editApplicationBody } from '@/lib/dialects/ecns/applications';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { jsonBody, parseWith } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** PUT /applications/<application_name>/: edit the description. */
export const PUT = route<{ productType: string; name: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, APPLICATION_PRODUCT_TYPES);
  const { name } = parseWith(applicationNameParam, { name: params.name });
  return json(await editApplication(ctx, name, await jsonBody(req, editApplicationBody)));
});

import { applicationAction, deleteApplications } from '@/lib/workloads/application-actions';
import { APPLICATION_PRODUCT_TYPES, applicationActionQuery, applicationDeleteQuery, applicationsBody } from '@/lib/dialects/ecns/applications';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { productType: string };

/** PUT /applications/app/?action=start|recreate: batch. */
export const PUT = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, APPLICATION_PRODUCT_TYPES);
  const { action } = parseWith(applicationActionQuery, queryObject(req));
  const { applications } = await jsonBody(req, applicationsBody);
  await applicationAction(ctx, action, applications.map((a) => a.name));
  return json({});
});

/** DELETE /applications/app/?resource=: batch, with the seed's cascade. The seed's "normal" 404 is a slip: 204, like DELETE /workloads/. */
export const DELETE = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, APPLICATION_PRODUCT_TYPES);
  const { resource } = parseWith(applicationDeleteQuery, queryObject(req));
  const { applications } = await jsonBody(req, applicationsBody);
  await deleteApplications(ctx, applications.map((a) => a.name), resource);
  return new Response(null, { status: 204 });
});

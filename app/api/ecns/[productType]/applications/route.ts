import { createApplication } from '@/lib/workloads/application-create';
import { listApplications } from '@/lib/workloads/application-read';
import { APPLICATION_PRODUCT_TYPES, applicationListQuery, createApplicationBody } from '@/lib/dialects/ecns/applications';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { productType: string };

export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, APPLICATION_PRODUCT_TYPES);
  return json(await listApplications(ctx, parseWith(applicationListQuery, queryObject(req))));
});

export const POST = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, APPLICATION_PRODUCT_TYPES);
  return json(await createApplication(ctx, params.productType, await jsonBody(req, createApplicationBody)), 201);
});

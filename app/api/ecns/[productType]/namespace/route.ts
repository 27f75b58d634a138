import { businessTypeQuery, NAMESPACE_PRODUCT_TYPES, namespaceCreate, namespacesDelete } from '@/lib/dialects/ecns/namespaces';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { createNamespace } from '@/lib/cluster/namespaces/create';
import { deleteNamespaces } from '@/lib/cluster/namespaces/delete';
import { projectSelectors } from '@/lib/cluster/namespaces/list';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { productType: string };

/** 三级联动: project → cluster → namespaces. */
export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  const q = parseWith(businessTypeQuery, queryObject(req));
  return json(await projectSelectors(ctx, q.business_type));
});

export const POST = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  return json(await createNamespace(ctx, await jsonBody(req, namespaceCreate)), 201);
});

/** Batch delete: the list is in the body. */
export const DELETE = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, NAMESPACE_PRODUCT_TYPES);
  const { namespaces } = await jsonBody(req, namespacesDelete);
  await deleteNamespaces(ctx, namespaces);
  return new Response(null, { status: 204 });
});

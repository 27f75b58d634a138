import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES, REPOSITORY_ORDER, repositoriesDelete, repositoriesQuery } from '@/lib/dialects/ecns/images';
import { imageBaseOf } from '@/lib/dialects/ecns/images-view';
import { Invalid } from '@/lib/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { isAdmin } from '@/lib/images/access';
import { deleteRepositories, listRepositories } from '@/lib/images/repositories';

type P = { productType: string };

/**
 * `public=true` public images, `false` private ones; only administrators may leave it out (then: everything they see),
 * and anyone when naming one workspace (`harbor_project_name`, Pier's addition).
 */
export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const q = parseWith(repositoriesQuery, queryObject(req));
  if (q.public === undefined && !q.harbor_project_name && !isAdmin(ctx)) throw new Invalid({ public: 'required (true/false) unless you are an administrator' });
  const page = await listRepositories(ctx, {
    public: q.public, workspace: q.harbor_project_name, q: q.name, page: q.page, pageSize: q.page_size,
    orderBy: REPOSITORY_ORDER[q.order_by], order: q.order, projectId: q.project_id,
  });
  return json({ images: page.items.map(imageBaseOf), total: page.total });
});

export const DELETE = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const input = await jsonBody(req, repositoriesDelete);
  await deleteRepositories(ctx, input.images.map((i) => ({ workspace: i.harbor_project_name, name: i.image_name })));
  return new Response(null, { status: 204 });
});

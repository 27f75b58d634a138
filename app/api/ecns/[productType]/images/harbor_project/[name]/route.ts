import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES, harborProjectAccess } from '@/lib/dialects/ecns/images';
import { harborProjectOf, imageBaseOf } from '@/lib/dialects/ecns/images-view';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { listRepositories } from '@/lib/images/repositories';
import { getWorkspace, setWorkspacePublic } from '@/lib/images/workspaces';

type P = { productType: string; name: string };

/** The workspace with its images (every one: the seed's detail has no paging). */
export const GET = route<P>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const ws = await getWorkspace(ctx, params.name);
  const images = await listRepositories(ctx, { workspace: ws.name, orderBy: 'name', order: 'asc', pageSize: 0 });
  return json({ harbor_project: harborProjectOf(ws), images: images.items.map(imageBaseOf) });
});

export const PUT = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const input = await jsonBody(req, harborProjectAccess);
  const ws = await setWorkspacePublic(ctx, params.name, input.public);
  return json({ harbor_project: harborProjectOf(ws) });
});

import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES, TAG_ORDER, repositoryEdit, tagsDelete, tagsQuery } from '@/lib/dialects/ecns/images';
import { imageBaseOf, tagInfoOf } from '@/lib/dialects/ecns/images-view';
import { MethodNotAllowed } from '@/lib/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { getRepository, updateRepository } from '@/lib/images/repositories';
import { deleteTags, listTags } from '@/lib/images/tags';

type P = { productType: string; workspace: string; image: string[] };

/**
 * `repositories/<harbor_project_name>/<image_name>` and its `/tags/`. An image
 * name may hold slashes (`team/app`), so the tail is split here: a last
 * component `tags` means the tags of the image before it.
 */
function target(params: P): { workspace: string; image: string; tags: boolean } {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const parts = params.image.filter((p) => p !== '');
  const tags = parts.length > 1 && parts[parts.length - 1] === 'tags';
  return { workspace: params.workspace, image: (tags ? parts.slice(0, -1) : parts).join('/'), tags };
}

export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  const t = target(params);
  if (t.tags) {
    const q = parseWith(tagsQuery, queryObject(req));
    const page = await listTags(ctx, t.workspace, t.image, { page: q.page, pageSize: q.page_size, q: q.name, orderBy: TAG_ORDER[q.order_by], order: q.order });
    return json({ tags: page.items.map(tagInfoOf), total: page.total });
  }
  const repo = await getRepository(ctx, t.workspace, t.image);
  return json({ image_base: imageBaseOf(repo), size: repo.sizeBytes, pull_count: repo.pullCount });
});

export const PUT = route<P>(ecns, async ({ req, ctx, params }) => {
  const t = target(params);
  if (t.tags) throw new MethodNotAllowed('PUT is not served on tags');
  const input = await jsonBody(req, repositoryEdit);
  const repo = await updateRepository(ctx, t.workspace, t.image, input);
  return json({ image_base: imageBaseOf(repo), size: repo.sizeBytes, pull_count: repo.pullCount });
});

export const DELETE = route<P>(ecns, async ({ req, ctx, params }) => {
  const t = target(params);
  if (!t.tags) throw new MethodNotAllowed('DELETE an image through DELETE repositories/ with a body');
  const input = await jsonBody(req, tagsDelete);
  await deleteTags(ctx, t.workspace, t.image, input.tags);
  return new Response(null, { status: 204 });
});

import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES, harborProjectsQuery } from '@/lib/dialects/ecns/images';
import { harborProjectOf } from '@/lib/dialects/ecns/images-view';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { listWorkspaces } from '@/lib/images/workspaces';

/** `all=false`: the caller's own projects' workspaces; otherwise every workspace the caller may see, public ones included. */
export const GET = route<{ productType: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const q = parseWith(harborProjectsQuery, queryObject(req));
  const page = await listWorkspaces(ctx, { mine: q.all === false, q: q.name, projectId: q.project_id, page: q.page, pageSize: q.page_size, orderBy: 'name', order: 'asc' });
  return json({ harbor_projects: page.items.map(harborProjectOf), total: page.total });
});

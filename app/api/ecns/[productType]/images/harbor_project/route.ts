import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES, harborProjectCreate, harborProjectDelete } from '@/lib/dialects/ecns/images';
import { harborProjectOf } from '@/lib/dialects/ecns/images-view';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { createWorkspace, deleteWorkspaces } from '@/lib/images/workspaces';

type P = { productType: string };

export const POST = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const input = await jsonBody(req, harborProjectCreate);
  const ws = await createWorkspace(ctx, { name: input.harbor_project_name, public: input.public, projectId: input.project_id });
  return json({ harbor_project: harborProjectOf(ws) }, 201);
});

export const DELETE = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const input = await jsonBody(req, harborProjectDelete);
  await deleteWorkspaces(ctx, input.harbor_projects, { force: input.force });
  return new Response(null, { status: 204 });
});

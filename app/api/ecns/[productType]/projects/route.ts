import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { ORGANIZATION_PRODUCT_TYPES } from '@/lib/dialects/ecns/organization';
import { allVisibleProjects } from '@/lib/org/projects';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string }>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, ORGANIZATION_PRODUCT_TYPES);
  const projects = await allVisibleProjects(ctx);
  return json({ projects: projects.map((p) => ({ project_name: p.name, project_id: p.id })) });
});

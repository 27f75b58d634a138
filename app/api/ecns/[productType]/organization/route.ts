import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { ORGANIZATION_PRODUCT_TYPES, type OrganizationResponse } from '@/lib/dialects/ecns/organization';
import { organizationTree } from '@/lib/org/organization';
import { json, route } from '@/lib/http/route';

export const GET = route<{ productType: string }>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, ORGANIZATION_PRODUCT_TYPES);
  const tree = await organizationTree(ctx);
  const body: OrganizationResponse = {
    domains_selector: tree.map((d) => ({
      domain_name: d.name,
      domain_id: d.id,
      projects: d.projects.map((p) => ({ project_name: p.name, project_id: p.id })),
    })),
  };
  return json(body);
});

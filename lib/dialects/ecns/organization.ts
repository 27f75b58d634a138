import { z } from 'zod';

/** Wire shapes of ECNS 1.17 (部门和项目). */
export const projectSelector = z.object({ project_name: z.string(), project_id: z.string() });
export const domainSelector = z.object({
  domain_name: z.string(),
  domain_id: z.string(),
  projects: z.array(projectSelector),
});
export const organizationResponse = z.object({ domains_selector: z.array(domainSelector) });
export const projectsResponse = z.object({ projects: z.array(projectSelector) });

export const ORGANIZATION_PRODUCT_TYPES = ['eks', 'hybrid', 'security'] as const;

export type OrganizationResponse = z.infer<typeof organizationResponse>;

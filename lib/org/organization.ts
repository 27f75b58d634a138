import type { Ctx } from '../context';
import { listDepartments } from './departments';
import { allVisibleProjects } from './projects';

export interface DomainTree {
  id: string;
  name: string;
  projects: { id: string; name: string }[];
}

/**
 * Departments with the projects the caller may see in each. A department
 * shows up only if the caller sees it or one of its projects.
 */
export async function organizationTree(ctx: Ctx): Promise<DomainTree[]> {
  const [depts, projs] = await Promise.all([listDepartments(ctx), allVisibleProjects(ctx)]);
  const byDept = new Map<string, DomainTree>();
  for (const d of depts) byDept.set(d.id, { id: d.id, name: d.name, projects: [] });
  for (const p of projs) {
    let d = byDept.get(p.departmentId);
    if (!d) {
      d = { id: p.departmentId, name: p.departmentName, projects: [] };
      byDept.set(p.departmentId, d);
    }
    d.projects.push({ id: p.id, name: p.name });
  }
  // A scoped token sees only its project's department.
  const all = [...byDept.values()];
  return ctx.user.scopeProjectId ? all.filter((d) => d.projects.length > 0) : all;
}

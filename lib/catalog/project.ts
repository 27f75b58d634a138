import { and, asc, eq } from 'drizzle-orm';
import { departments, projects } from '@/db/schema';
import type { Ctx } from '../context';
import { Forbidden, Invalid } from '../errors';
import { visibleProjectsFilter } from '../org/scope';

export interface OwningProject {
  id: string;
  name: string;
  departmentId: string;
}

/**
 * Which project a new application (or deployment) belongs to: the one named,
 * else the credential's project scope, else the caller's first project (by
 * department and name), as image workspaces do. Only projects the caller sees.
 */
export async function owningProject(ctx: Ctx, projectName?: string): Promise<OwningProject> {
  const filter = visibleProjectsFilter(ctx);
  const cols = { id: projects.id, name: projects.name, departmentId: projects.departmentId };
  if (projectName) {
    const rows = await ctx.db.select(cols).from(projects).where(and(eq(projects.name, projectName), filter)).limit(2);
    if (rows.length === 0) throw new Invalid({ projectName: `no project "${projectName}" you may use` });
    if (rows.length > 1) throw new Invalid({ projectName: `"${projectName}" names projects in several departments; use a project-scoped token` });
    return rows[0];
  }
  if (ctx.user.scopeProjectId) {
    const [p] = await ctx.db.select(cols).from(projects).where(and(eq(projects.id, ctx.user.scopeProjectId), filter)).limit(1);
    if (p) return p;
  }
  const [first] = await ctx.db
    .select(cols)
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .where(filter)
    .orderBy(asc(departments.name), asc(projects.name))
    .limit(1);
  if (!first) {
    if (ctx.user.role === 'system_admin') throw new Invalid({ projectName: 'required: a system administrator belongs to no project' });
    throw new Forbidden('you are not a member of any project');
  }
  return first;
}

/** Visitors read only. */
export function assertMayWrite(ctx: Ctx, what: string): void {
  if (ctx.user.role === 'visitor') throw new Forbidden(`visitors may not change ${what}`);
}

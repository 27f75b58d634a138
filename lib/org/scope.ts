import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { memberships, projects } from '@/db/schema';
import type { Caller, Ctx } from '../context';
import { Forbidden, NotFound } from '../errors';

/** A filter on `projects` selecting exactly what the caller may see (undefined: everything). */
export function visibleProjectsFilter(ctx: Ctx): SQL | undefined {
  const u = ctx.user;
  const parts: SQL[] = [];
  if (u.role === 'admin') parts.push(eq(projects.departmentId, u.departmentId ?? ''));
  if (u.role === 'developer' || u.role === 'visitor') {
    const mine = ctx.db.select({ id: memberships.projectId }).from(memberships).where(eq(memberships.userId, u.id));
    parts.push(inArray(projects.id, mine));
  }
  if (u.scopeProjectId) parts.push(eq(projects.id, u.scopeProjectId));
  return parts.length ? and(...parts) : undefined;
}

/** The project if the caller may see it; otherwise NotFound (never Forbidden: existence is not leaked). */
export async function requireProject(ctx: Ctx, projectId: string) {
  const filter = visibleProjectsFilter(ctx);
  const [row] = await ctx.db
    .select()
    .from(projects)
    .where(filter ? and(eq(projects.id, projectId), filter) : eq(projects.id, projectId))
    .limit(1);
  if (!row) throw new NotFound(`project ${projectId}`);
  return row;
}

/** Department admins manage their own department; system admins any. */
export function assertManagesDepartment(u: Caller, departmentId: string | null): void {
  if (u.role === 'system_admin') return;
  if (u.role === 'admin' && departmentId !== null && u.departmentId === departmentId) return;
  throw new Forbidden('only an administrator of this department may do that');
}

export function assertSystemAdmin(u: Caller): void {
  if (u.role !== 'system_admin') throw new Forbidden('only a system administrator may do that');
}

import { and, eq, inArray } from 'drizzle-orm';
import { deployments, projects, type DeploymentRow } from '@/db/schema';
import type { Caller, Ctx } from '../context';
import { NotFound } from '../errors';
import { visibleProjectsFilter } from '../org/scope';

export function visibleProjectIds(ctx: Ctx) {
  return ctx.db.select({ id: projects.id }).from(projects).where(visibleProjectsFilter(ctx));
}

/** A deployment of a project the caller sees, by ote id or by name; else 404. */
export async function requireDeployment(ctx: Ctx, by: { seq: number } | { name: string }): Promise<DeploymentRow> {
  const where = 'seq' in by ? eq(deployments.seq, by.seq) : eq(deployments.name, by.name);
  const rows = await ctx.db
    .select()
    .from(deployments)
    .where(and(where, inArray(deployments.projectId, visibleProjectIds(ctx))))
    .orderBy(deployments.deletedAt)
    .limit(1);
  const row = rows[0];
  if (!row || ('name' in by && row.deletedAt)) {
    const what = 'seq' in by ? `deployment ${by.seq}` : `deployment "${by.name}"`;
    throw new NotFound(what, `${what} not found`);
  }
  return row;
}

/** Department administrators decide their department's requests; system administrators all. */
export function mayDecide(u: Caller, departmentId: string): boolean {
  if (u.scopeProjectId && u.role !== 'system_admin') return false;
  return u.role === 'system_admin' || (u.role === 'admin' && u.departmentId === departmentId);
}

import { and, asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { clusters, departments, type ClusterRow } from '@/db/schema';
import type { Caller, Ctx } from '@/lib/context';
import { Forbidden, NotFound } from '@/lib/errors';
import type { ClusterView } from '@/lib/dialects/pier/clusters';

/** System admins see every cluster; everyone else their department's and the shared ones. */
export function visibleClusterFilter(u: Caller): SQL | undefined {
  if (u.role === 'system_admin') return undefined;
  const shared = isNull(clusters.departmentId);
  return u.departmentId ? or(shared, eq(clusters.departmentId, u.departmentId)) : shared;
}

/** Registering, editing and removing: system admins any cluster, department admins their department's own. */
export function mayManage(u: Caller, departmentId: string | null): boolean {
  if (u.scopeProjectId) return false;
  if (u.role === 'system_admin') return true;
  return u.role === 'admin' && departmentId !== null && departmentId === u.departmentId;
}

export function assertManages(u: Caller, departmentId: string | null): void {
  if (!mayManage(u, departmentId)) {
    throw new Forbidden(departmentId === null
      ? 'only a system administrator may manage clusters shared with every department'
      : 'only an administrator of the owning department may do that');
  }
}

/** The cluster if the caller may see it; a department's cluster is a 404 to every other department. */
export async function requireCluster(ctx: Ctx, name: string): Promise<ClusterRow> {
  const filter = visibleClusterFilter(ctx.user);
  const byName = eq(clusters.name, name);
  const [row] = await ctx.db.select().from(clusters).where(filter ? and(byName, filter) : byName).limit(1);
  if (!row) throw new NotFound(`cluster ${name}`, `cluster "${name}" not found`);
  return row;
}

export function viewOf(u: Caller, row: ClusterRow, departmentName: string | null): ClusterView {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    driver: row.driver,
    server: row.server,
    departmentId: row.departmentId,
    departmentName,
    labels: row.labels,
    createdAt: row.createdAt.toISOString(),
    manageable: mayManage(u, row.departmentId),
  };
}

export async function listClusters(ctx: Ctx): Promise<ClusterView[]> {
  const rows = await ctx.db
    .select({ c: clusters, departmentName: departments.name })
    .from(clusters)
    .leftJoin(departments, eq(departments.id, clusters.departmentId))
    .where(visibleClusterFilter(ctx.user))
    .orderBy(asc(clusters.name));
  return rows.map((r) => viewOf(ctx.user, r.c, r.departmentName));
}

export async function getCluster(ctx: Ctx, name: string): Promise<ClusterView> {
  const row = await requireCluster(ctx, name);
  return viewOf(ctx.user, row, await departmentNameOf(ctx, row.departmentId));
}

export async function departmentNameOf(ctx: Ctx, departmentId: string | null): Promise<string | null> {
  if (!departmentId) return null;
  const [d] = await ctx.db.select({ name: departments.name }).from(departments).where(eq(departments.id, departmentId));
  return d?.name ?? null;
}

import { eq } from 'drizzle-orm';
import { clusters, type ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import type { KindInfo } from '../kinds';
import { failureStatus, forbidden, K8sError } from '../status';

/**
 * The simulated cluster a URL names, if the caller may see it: clusters of
 * every department (department_id null) are visible to all; a department's
 * cluster to its members and system admins. Anything else is a 404.
 */
export async function visibleSimCluster(ctx: Ctx, name: string): Promise<ClusterRow> {
  const [row] = await ctx.db.select().from(clusters).where(eq(clusters.name, name));
  const visible = row && row.driver === 'simulated'
    && (ctx.user.role === 'system_admin' || row.departmentId === null || row.departmentId === ctx.user.departmentId);
  if (!visible) throw new K8sError(failureStatus(404, `cluster "${name}" not found`, 'NotFound', { name, kind: 'clusters' }));
  return row;
}

/**
 * First cut of authorization: system admins, and admins of the cluster's
 * department (any department's, for a shared cluster), read and write its
 * objects. Developers and visitors reach only discovery: until namespaces
 * belong to projects, nothing limits what they would see (every Secret of
 * the cluster), so they see nothing. Project- and namespace-level roles come later.
 */
export function mayUse(ctx: Ctx, cluster: ClusterRow): boolean {
  if (ctx.user.role === 'system_admin') return true;
  if (ctx.user.role !== 'admin') return false;
  return cluster.departmentId === null || cluster.departmentId === ctx.user.departmentId;
}

/** Throws the apiserver's Forbidden unless the caller may use this cluster's objects (`verb`: get, list, watch, create, ...). */
export function requireAccess(ctx: Ctx, cluster: ClusterRow, verb: string, k: KindInfo, namespace?: string, name?: string): void {
  if (mayUse(ctx, cluster)) return;
  const subject = name ? `${k.group ? `${k.plural}.${k.group}` : k.plural} "${name}"` : k.group ? `${k.plural}.${k.group}` : k.plural;
  const where = k.namespaced && namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  throw forbidden(
    `${subject} is forbidden: User "${ctx.user.name}" cannot ${verb} resource "${k.plural}" in API group "${k.group}"${where}`,
    k,
    name,
  );
}

import { asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { clusters, type ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';

/** Clusters shared with every department, and the caller's department's own; system admins: all. */
function visibleClustersFilter(ctx: Ctx): SQL | undefined {
  if (ctx.user.role === 'system_admin') return undefined;
  const shared = isNull(clusters.departmentId);
  return ctx.user.departmentId ? or(shared, eq(clusters.departmentId, ctx.user.departmentId)) : shared;
}

export async function visibleClusters(ctx: Ctx): Promise<ClusterRow[]> {
  return ctx.db.select().from(clusters).where(visibleClustersFilter(ctx)).orderBy(asc(clusters.name));
}

/** May this department's projects have namespaces in this cluster? */
export function clusterServesDepartment(cluster: ClusterRow, departmentId: string): boolean {
  return cluster.departmentId === null || cluster.departmentId === departmentId;
}

/** A visible cluster by name, else 404 (another department's cluster does not exist for the caller). */
export async function requireClusterByName(ctx: Ctx, name: string): Promise<ClusterRow> {
  const found = (await visibleClusters(ctx)).find((c) => c.name === name);
  if (!found) throw new NotFound('cluster', `cluster "${name}" not found`);
  return found;
}

/** The path of an absolute URL, for matching a simulated cluster's Pier-relative address; null for anything else. */
function pathOf(addr: string): string | null {
  try {
    return new URL(addr).pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * A visible cluster by its API server address (ECNS `apiserver_host`,
 * `cluster_addr`), else 404. A simulated cluster's address is Pier's own
 * `/k8s/<name>`, so it also matches with whatever host the client reached Pier by.
 */
export async function requireClusterByAddr(ctx: Ctx, addr: string): Promise<ClusterRow> {
  const wanted = addr.replace(/\/+$/, '');
  const found = (await visibleClusters(ctx)).find((c) => {
    const server = c.server.replace(/\/+$/, '');
    return server === wanted || (server.startsWith('/') && pathOf(wanted) === server);
  });
  if (!found) throw new NotFound('cluster', `no cluster with the API server address "${addr}"`);
  return found;
}

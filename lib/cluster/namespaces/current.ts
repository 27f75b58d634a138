import { eq } from 'drizzle-orm';
import { clusters, currentContexts, type ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';
import { recordAudit, mutate } from '@/lib/audit/record';
import { requireClusterByAddr, requireClusterByName, visibleClusters } from './clusters';

export interface CurrentContext {
  cluster: ClusterRow;
  projectId: string | null;
  namespace: string | null;
}

/** The cluster a fresh session works in: `local` when the caller sees it, else the first visible cluster by name. */
export const DEFAULT_CLUSTER = 'local';

/** What "switch namespace" stored for this credential, if its cluster is still visible. */
async function stored(ctx: Ctx): Promise<CurrentContext | null> {
  if (!ctx.user.tokenId) return null;
  const [row] = await ctx.db
    .select({ ctx: currentContexts, cluster: clusters })
    .from(currentContexts)
    .innerJoin(clusters, eq(clusters.id, currentContexts.clusterId))
    .where(eq(currentContexts.tokenId, ctx.user.tokenId));
  if (!row) return null;
  const visible = (await visibleClusters(ctx)).some((c) => c.id === row.cluster.id);
  return visible ? { cluster: row.cluster, projectId: row.ctx.projectId, namespace: row.ctx.namespace } : null;
}

/**
 * The caller's current cluster and namespace: what "switch namespace" set,
 * else the default cluster with no namespace.
 */
export async function currentContext(ctx: Ctx): Promise<CurrentContext> {
  const saved = await stored(ctx);
  if (saved) return saved;
  const all = await visibleClusters(ctx);
  const cluster = all.find((c) => c.name === DEFAULT_CLUSTER) ?? all[0];
  if (!cluster) throw new NotFound('cluster', 'no cluster is available to you');
  return { cluster, projectId: null, namespace: null };
}

/** The cluster an ECNS call names (by address or by name), else the current one. */
export async function clusterFor(ctx: Ctx, o: { addr?: string; name?: string }): Promise<ClusterRow> {
  if (o.addr) return requireClusterByAddr(ctx, o.addr);
  if (o.name) return requireClusterByName(ctx, o.name);
  return (await currentContext(ctx)).cluster;
}

/** Stores the current context for this credential (one row per token), with its audit record. */
export async function saveCurrentContext(ctx: Ctx, c: { cluster: ClusterRow; projectId: string; namespace: string }): Promise<void> {
  const tokenId = ctx.user.tokenId;
  if (!tokenId) return;
  const values = { tokenId, clusterId: c.cluster.id, projectId: c.projectId, namespace: c.namespace, updatedAt: ctx.clock.now() };
  await mutate(ctx, async (tx) => {
    await tx
      .insert(currentContexts)
      .values(values)
      .onConflictDoUpdate({ target: currentContexts.tokenId, set: { clusterId: values.clusterId, projectId: values.projectId, namespace: values.namespace, updatedAt: values.updatedAt } });
    await recordAudit(ctx, tx, {
      action: 'switch', resourceType: 'namespace', resourceId: `${c.cluster.name}/${c.namespace}`, resourceName: c.namespace,
      departmentId: ctx.user.departmentId, projectId: c.projectId, after: { cluster: c.cluster.name, namespace: c.namespace },
    });
  });
}

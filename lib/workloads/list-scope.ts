import type { Ctx } from '@/lib/context';
import { clientsFor } from '@/lib/cluster/adapter';
import { currentContext } from '@/lib/cluster/namespaces/current';
import { requireNamespaceIn } from '@/lib/cluster/namespaces/scope';
import { workloadScope, type WorkloadScope } from './scope';

/**
 * workloadScope(ctx, 'read') for the lists read on every page (GET /pods/,
 * GET /workloads/): the same checks, with the namespace's grant read from
 * the adapter's watch-fed namespace cache instead of a GET of the Namespace
 * per request, and the current context's cluster (already checked visible)
 * not looked up again. A namespace the cache lacks or refuses is asked of
 * the cluster, so the cache can only delay a revocation by another writer
 * by one watch event, never refuse a grant.
 */
export async function workloadListScope(ctx: Ctx): Promise<WorkloadScope> {
  const current = await currentContext(ctx);
  // No current namespace: workloadScope says so in its own words.
  if (!current.namespace) return workloadScope(ctx, 'read');
  const c = await clientsFor(ctx.db, current.cluster, ctx.clock.now());
  const ns = await requireNamespaceIn(ctx, current.cluster, c, current.namespace);
  return { ctx, cluster: current.cluster, namespace: ns.name, projectId: ns.project.id, departmentId: ns.project.departmentId, c };
}

import type { ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { clientsFor, type KubeClients } from '@/lib/cluster/adapter';
import { currentContext } from '@/lib/cluster/namespaces/current';
import { requireNamespace } from '@/lib/cluster/namespaces/scope';
import { Forbidden, Invalid } from '@/lib/errors';

/** Where a workload call works: the caller's current cluster and namespace, with what the caller may do there. */
export interface WorkloadScope {
  ctx: Ctx;
  cluster: ClusterRow;
  namespace: string;
  projectId: string;
  departmentId: string;
  c: KubeClients;
}

/**
 * The caller's current namespace (ECNS keeps it in the session; Pier per
 * credential, docs/namespaces.md), checked as any namespace call is: one the
 * caller cannot see is a 404; `write` also needs a write grant (403 for visitors).
 */
export async function workloadScope(ctx: Ctx, need: 'read' | 'write'): Promise<WorkloadScope> {
  const current = await currentContext(ctx);
  if (!current.namespace) {
    throw new Invalid({ namespace: 'no current namespace: switch to one first (GET /namespace/<project_id>/cluster/<cluster>/ns/<namespace>/)' });
  }
  const ns = await requireNamespace(ctx, current.cluster.name, current.namespace);
  if (need === 'write' && ns.grant !== 'write') throw new Forbidden(`you may not change workloads in namespace "${ns.name}"`);
  const c = await clientsFor(ctx.db, current.cluster, ctx.clock.now());
  return { ctx, cluster: current.cluster, namespace: ns.name, projectId: ns.project.id, departmentId: ns.project.departmentId, c };
}

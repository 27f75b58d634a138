import type { ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { clientsFor, type KubeClients } from '@/lib/cluster/adapter';
import { requireClusterByName } from '@/lib/cluster/namespaces/clusters';
import { currentContext } from '@/lib/cluster/namespaces/current';
import { projectIndex, requireNamespace, visibleNamespacesCached, type OwnedNamespace } from '@/lib/cluster/namespaces/scope';

/** Where the dashboard looks: one cluster, and the namespaces of it the caller may see (one, when asked for one). */
export interface PodScope {
  cluster: ClusterRow;
  c: KubeClients;
  /** Every namespace of the cluster the caller may see. */
  visible: OwnedNamespace[];
  /** The namespaces whose pods are shown: the asked one, or all visible ones. */
  shown: Set<string>;
  namespace?: string;
}

/**
 * The caller's view of a cluster's pods, scoped as every namespace call is:
 * an unknown or invisible cluster or namespace is a 404. Pods of namespaces
 * that belong to no visible project (kube-system, for example) are not shown.
 */
export async function podScope(ctx: Ctx, clusterName: string, namespace?: string): Promise<PodScope> {
  const cluster = await requireClusterByName(ctx, clusterName);
  const [idx, c] = await Promise.all([projectIndex(ctx), clientsFor(ctx.db, cluster, ctx.clock.now())]);
  // From the adapter's namespace cache: no list of the cluster's Namespaces per request.
  const visible = await visibleNamespacesCached(ctx, c, cluster, idx);
  if (namespace) {
    const ns = visible.find((n) => n.name === namespace) ?? (await requireNamespace(ctx, clusterName, namespace));
    return { cluster, c, visible, shown: new Set([ns.name]), namespace: ns.name };
  }
  return { cluster, c, visible, shown: new Set(visible.map((n) => n.name)) };
}

/** One namespace of the cluster, checked; `write` also needs a write grant (403 for visitors). */
export async function podNamespace(ctx: Ctx, clusterName: string, namespace: string) {
  const ns = await requireNamespace(ctx, clusterName, namespace);
  const c = await clientsFor(ctx.db, ns.cluster, ctx.clock.now());
  return { ...ns, c };
}

/**
 * What the dashboard's scope picker offers: the cluster's namespaces the
 * caller may see, and the caller's current one there (the namespace ECNS
 * "switch namespace" chose), when it is in this cluster.
 */
export async function podScopeChoices(ctx: Ctx, clusterName: string): Promise<{ namespaces: string[]; current: string | null }> {
  const [scope, current] = await Promise.all([podScope(ctx, clusterName), currentContext(ctx).catch(() => null)]);
  const namespaces = scope.visible.map((n) => n.name).sort();
  const mine = current?.cluster.id === scope.cluster.id && current.namespace && namespaces.includes(current.namespace) ? current.namespace : null;
  return { namespaces, current: mine };
}

import type { ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import type { NamespaceView, ProjectSelector } from '@/lib/dialects/ecns/namespaces';
import { BUSINESS_TYPES, LIST_CLUSTER_TYPES } from '@/lib/dialects/ecns/namespaces';
import { clusterServesDepartment, visibleClusters } from './clusters';
import { currentContext } from './current';
import { kubeFor, RESOURCE_QUOTA, type K8sObject } from './kube';
import { QUOTA_NAME } from './labels';
import { projectIndex, visibleNamespaces, type OwnedNamespace } from './scope';
import { businessTypeOf, namespaceView } from './view';

type ListClusterType = (typeof LIST_CLUSTER_TYPES)[number];
type BusinessType = (typeof BUSINESS_TYPES)[number];

/**
 * btype on namespaces: SecurityContainer, HybridOrchestration and Normal
 * match the namespace's business type; User matches every project
 * namespace (ECNS lists only those); Controller matches none, the system
 * namespaces having no project.
 */
function matchesBusinessType(ns: OwnedNamespace, btype: BusinessType | undefined): boolean {
  if (!btype || btype === 'User') return true;
  if (btype === 'Controller') return false;
  return businessTypeOf(ns.object) === btype;
}

async function namespacesOf(ctx: Ctx, cluster: ClusterRow, projectIds: string[] | undefined, btype: BusinessType | undefined,
  idx: Awaited<ReturnType<typeof projectIndex>>) {
  const kube = await kubeFor(ctx, cluster);
  const found = (await visibleNamespaces(ctx, kube, cluster, idx, projectIds)).filter((n) => matchesBusinessType(n, btype));
  return { kube, found };
}

/**
 * GET /namespace/clustertype/<cluster_type>/: a cluster type lists the
 * caller's namespaces in every visible cluster of that type; PROJECT_ALL those
 * of the current project (every visible project when none was switched to);
 * CLOUD_ALL those of every visible cluster. Quotas come from one list of the
 * cluster's Pier quotas, not one call per namespace.
 */
export async function listNamespacesByClusterType(ctx: Ctx, clusterType: ListClusterType, btype?: BusinessType): Promise<NamespaceView[]> {
  const idx = await projectIndex(ctx);
  let projectIds: string[] | undefined;
  if (clusterType === 'PROJECT_ALL') {
    const current = await currentContext(ctx);
    if (current.projectId) projectIds = [current.projectId];
  }
  const clusters = (await visibleClusters(ctx)).filter((c) => clusterType === 'PROJECT_ALL' || clusterType === 'CLOUD_ALL' || c.type === clusterType);
  const out: NamespaceView[] = [];
  for (const cluster of clusters) {
    const { kube, found } = await namespacesOf(ctx, cluster, projectIds, btype, idx);
    if (!found.length) continue;
    const quotas = new Map<string, K8sObject>();
    for (const q of await kube.list(RESOURCE_QUOTA, { fieldSelector: `metadata.name=${QUOTA_NAME}` })) quotas.set(q.metadata?.namespace ?? '', q);
    for (const ns of found) out.push(namespaceView(cluster, ns, quotas.get(ns.name) ?? null));
  }
  return out;
}

/**
 * GET /namespace/ (三级联动): every visible project, with each cluster where
 * the caller has namespaces of it. Clusters without any of the project's
 * namespaces are left out: the selector is for picking where to work.
 */
export async function projectSelectors(ctx: Ctx, btype?: BusinessType): Promise<ProjectSelector[]> {
  const idx = await projectIndex(ctx);
  const perProject = new Map<string, ProjectSelector['clusters']>();
  for (const cluster of await visibleClusters(ctx)) {
    const { found } = await namespacesOf(ctx, cluster, undefined, btype, idx);
    const byProject = new Map<string, string[]>();
    for (const ns of found) {
      if (!clusterServesDepartment(cluster, ns.project.departmentId)) continue;
      byProject.set(ns.project.id, [...(byProject.get(ns.project.id) ?? []), ns.name]);
    }
    for (const [projectId, names] of byProject) {
      const list = perProject.get(projectId) ?? [];
      list.push({ cluster_name: cluster.name, cluster_addr: cluster.server, cluster_type: cluster.type, namespaces: names.sort() });
      perProject.set(projectId, list);
    }
  }
  return [...idx.byId.values()].map((p) => ({ project_name: p.name, project_id: p.id, clusters: perProject.get(p.id) ?? [] }));
}

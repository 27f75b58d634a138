import { and, eq, inArray } from 'drizzle-orm';
import { memberships, type ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';
import { allVisibleProjects, type ProjectView } from '@/lib/org/projects';
import { assertManagesDepartment } from '@/lib/org/scope';
import { namespaceGrant, ownerProjectId, restrictionsOf, type NamespaceGrant } from './grant';
import { cachedSorted } from '@/lib/cluster/adapter/cache';
import { searchByName } from '@/lib/cluster/adapter/cache-index';
import type { KubeClients } from '@/lib/cluster/adapter';
import { kubeFor, NAMESPACE, type K8sObject, type Kube } from './kube';
import { PROJECT_LABEL } from './labels';
import { requireClusterByName } from './clusters';

/** The projects the caller may see, by id, and which of them the caller is a member of. */
export interface ProjectIndex {
  byId: Map<string, ProjectView>;
  memberOf: Set<string>;
}

export async function projectIndex(ctx: Ctx): Promise<ProjectIndex> {
  const visible = await allVisibleProjects(ctx);
  const ids = visible.map((p) => p.id);
  const mine = ids.length
    ? await ctx.db
      .select({ id: memberships.projectId })
      .from(memberships)
      .where(and(eq(memberships.userId, ctx.user.id), inArray(memberships.projectId, ids)))
    : [];
  return { byId: new Map(visible.map((p) => [p.id, p])), memberOf: new Set(mine.map((m) => m.id)) };
}

/** A namespace the caller may see, with its owning project and what the caller may do in it. */
export interface OwnedNamespace {
  object: K8sObject;
  name: string;
  project: ProjectView;
  grant: Exclude<NamespaceGrant, 'none'>;
}

function owned(ctx: Ctx, idx: ProjectIndex, cluster: ClusterRow, object: K8sObject): OwnedNamespace | null {
  const meta = object.metadata;
  const project = idx.byId.get(ownerProjectId(meta) ?? '');
  // A label naming a project of another department on a department's own cluster is not honoured.
  if (!project || (cluster.departmentId !== null && cluster.departmentId !== project.departmentId)) return null;
  const grant = namespaceGrant(ctx.user, { projectId: project.id, departmentId: project.departmentId, member: idx.memberOf.has(project.id) },
    restrictionsOf(meta));
  return grant === 'none' ? null : { object, name: meta!.name!, project, grant };
}

/** Namespaces of one cluster that belong to visible projects and that the caller may use. One list call per cluster. */
export async function visibleNamespaces(ctx: Ctx, kube: Kube, cluster: ClusterRow, idx: ProjectIndex, projectIds?: string[]): Promise<OwnedNamespace[]> {
  const ids = (projectIds ?? [...idx.byId.keys()]).filter((id) => idx.byId.has(id));
  if (!ids.length) return [];
  const objects = await kube.list(NAMESPACE, { labelSelector: `${PROJECT_LABEL} in (${ids.join(',')})` });
  return objects.map((o) => owned(ctx, idx, cluster, o)).filter((n): n is OwnedNamespace => n !== null);
}

/**
 * One namespace named by cluster and name, if the caller may see it (404
 * otherwise, never 403: other tenants' namespaces do not exist for them).
 * `manage` also requires administering the owning project's department (403).
 */
export async function requireNamespace(
  ctx: Ctx, clusterName: string, name: string, need: 'use' | 'manage' = 'use',
): Promise<OwnedNamespace & { cluster: ClusterRow; kube: Kube }> {
  const cluster = await requireClusterByName(ctx, clusterName);
  const kube = await kubeFor(ctx, cluster);
  const object = await kube.get(NAMESPACE, undefined, name);
  const found = object ? owned(ctx, await projectIndex(ctx), cluster, object) : null;
  if (!found) throw new NotFound('namespace', `namespace "${name}" not found in cluster "${clusterName}"`);
  if (need === 'manage') assertManagesDepartment(ctx.user, found.project.departmentId);
  return { ...found, cluster, kube };
}

/**
 * The cluster's Namespaces from the adapter's watch-fed cache (no round trip
 * to the cluster), or null when the cache cannot answer for sure: its first
 * list failed (credentials without list/watch on namespaces) or its watch
 * is broken (stale). Read only: these are the cache's objects.
 */
async function cachedNamespaces(c: KubeClients): Promise<readonly K8sObject[] | null> {
  try {
    const view = await cachedSorted(c, 'namespaces');
    return view.stale ? null : view.index.namespace('');
  } catch {
    return null;
  }
}

/**
 * visibleNamespaces served from the adapter's namespace cache, for the
 * lists read on every request (the pod dashboard, the ECNS pod and workload
 * lists): the same rule (`owned`), over what the watch has delivered. A
 * namespace labelled or restricted by another writer shows the change one
 * watch event later (milliseconds); this process's own writes are waited
 * for (own-writes.ts). Falls back to the live list when the cache cannot answer.
 */
export async function visibleNamespacesCached(ctx: Ctx, c: KubeClients, cluster: ClusterRow, idx: ProjectIndex): Promise<OwnedNamespace[]> {
  if (!idx.byId.size) return [];
  const objects = await cachedNamespaces(c);
  if (!objects) return visibleNamespaces(ctx, await kubeFor(ctx, cluster), cluster, idx);
  const out: OwnedNamespace[] = [];
  for (const o of objects) {
    const n = owned(ctx, idx, cluster, o);
    if (n) out.push(n);
  }
  return out;
}

/**
 * requireNamespace for a cluster already resolved and checked by the caller
 * (the current context's), from the namespace cache. Only a grant is taken
 * from the cache: when the cache has no such namespace, or one the caller
 * may not use, the cluster is asked (a namespace made or given to the
 * caller's project a moment ago is never refused for the watch's delay).
 */
export async function requireNamespaceIn(ctx: Ctx, cluster: ClusterRow, c: KubeClients, name: string): Promise<OwnedNamespace> {
  const [objects, idx] = await Promise.all([cachedNamespaces(c), projectIndex(ctx)]);
  const at = objects ? searchByName(objects, name) : null;
  const found = objects && at?.found ? owned(ctx, idx, cluster, objects[at.at]) : null;
  if (found) return found;
  const live = await (await kubeFor(ctx, cluster)).get(NAMESPACE, undefined, name);
  const checked = live ? owned(ctx, idx, cluster, live) : null;
  if (!checked) throw new NotFound('namespace', `namespace "${name}" not found in cluster "${cluster.name}"`);
  return checked;
}

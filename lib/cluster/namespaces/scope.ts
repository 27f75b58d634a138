import { and, eq, inArray } from 'drizzle-orm';
import { memberships, type ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';
import { allVisibleProjects, type ProjectView } from '@/lib/org/projects';
import { assertManagesDepartment } from '@/lib/org/scope';
import { namespaceGrant, ownerProjectId, restrictionsOf, type NamespaceGrant } from './grant';
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

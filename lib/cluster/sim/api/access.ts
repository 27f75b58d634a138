import { and, eq } from 'drizzle-orm';
import { clusters, k8sObjects, memberships, projects, type ClusterRow } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { namespaceGrant, ownerProjectId, restrictionsOf, type NamespaceGrant, type NamespaceOwner } from '@/lib/cluster/namespaces/grant';
import type { KindInfo } from '../kinds';
import type { ObjectMeta } from '../objects';
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
 * Everything in the cluster: system admins, and the admins of the department
 * that owns it. A cluster shared with every department (like `local`) has no
 * such admins: each department's admins get their projects' namespaces there.
 * A project-scoped token never has the whole cluster.
 */
export function mayUse(ctx: Ctx, cluster: ClusterRow): boolean {
  if (ctx.user.scopeProjectId) return false;
  if (ctx.user.role === 'system_admin') return true;
  return ctx.user.role === 'admin' && cluster.departmentId !== null && cluster.departmentId === ctx.user.departmentId;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);

/** Cluster-scoped kinds every user of the cluster may read: where pods run, and what storage they may claim. */
const READABLE_BY_ALL = new Set(['nodes', 'storageclasses']);

/** The owner of a namespace, read from the Namespace object's project label. */
async function namespaceOwner(ctx: Ctx, cluster: ClusterRow, namespace: string): Promise<{ owner: NamespaceOwner | null; meta?: ObjectMeta }> {
  const [row] = await ctx.db
    .select({ body: k8sObjects.body })
    .from(k8sObjects)
    .where(and(
      eq(k8sObjects.clusterId, cluster.id), eq(k8sObjects.apiGroup, ''), eq(k8sObjects.resource, 'namespaces'),
      eq(k8sObjects.namespace, ''), eq(k8sObjects.name, namespace),
    ));
  const meta = (row?.body as { metadata?: ObjectMeta } | undefined)?.metadata;
  const projectId = ownerProjectId(meta);
  if (!projectId) return { owner: null, meta };
  const [project] = await ctx.db.select({ departmentId: projects.departmentId }).from(projects).where(eq(projects.id, projectId));
  if (!project) return { owner: null, meta };
  const [m] = await ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, ctx.user.id)));
  return { owner: { projectId, departmentId: project.departmentId, member: !!m }, meta };
}

/** What the caller may do in one namespace of this cluster. */
export async function grantIn(ctx: Ctx, cluster: ClusterRow, namespace: string): Promise<NamespaceGrant> {
  if (mayUse(ctx, cluster)) return 'write';
  const { owner, meta } = await namespaceOwner(ctx, cluster, namespace);
  return namespaceGrant(ctx.user, owner, restrictionsOf(meta));
}

async function allowed(ctx: Ctx, cluster: ClusterRow, verb: string, k: KindInfo, namespace?: string, name?: string): Promise<boolean> {
  if (mayUse(ctx, cluster)) return true;
  const read = READ_VERBS.has(verb);
  if (!k.namespaced) {
    if (read && READABLE_BY_ALL.has(k.plural)) return true;
    // One's own namespace may be read by name; listing them all would show other tenants'.
    if (k.plural === 'namespaces' && verb === 'get' && name) return (await grantIn(ctx, cluster, name)) !== 'none';
    return false;
  }
  if (!namespace) return false;
  const grant = await grantIn(ctx, cluster, namespace);
  if (grant === 'none') return false;
  // Visitors read the namespace's objects, but not its credentials.
  if (k.plural === 'secrets' && ctx.user.role === 'visitor') return false;
  return read || grant === 'write';
}

/**
 * Throws the apiserver's Forbidden unless the caller may do `verb` (get,
 * list, watch, create, ...) on this kind here. See docs/namespaces.md for the rules.
 */
export async function requireAccess(ctx: Ctx, cluster: ClusterRow, verb: string, k: KindInfo, namespace?: string, name?: string): Promise<void> {
  if (await allowed(ctx, cluster, verb, k, namespace, name)) return;
  const subject = name ? `${k.group ? `${k.plural}.${k.group}` : k.plural} "${name}"` : k.group ? `${k.plural}.${k.group}` : k.plural;
  const where = k.namespaced && namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  throw forbidden(
    `${subject} is forbidden: User "${ctx.user.name}" cannot ${verb} resource "${k.plural}" in API group "${k.group}"${where}`,
    k,
    name,
  );
}

import { eq } from 'drizzle-orm';
import { departments } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { Conflict, Invalid } from '@/lib/errors';
import { mutate, recordAudit } from '@/lib/audit/record';
import { requireProject, assertManagesDepartment } from '@/lib/org/scope';
import type { NamespaceCreate, NamespaceView } from '@/lib/dialects/ecns/namespaces';
import { clusterServesDepartment, requireClusterByName } from './clusters';
import { kubeFor, NAMESPACE, RESOURCE_QUOTA, type K8sObject } from './kube';
import { BUSINESS_TYPE_LABEL, PROJECT_LABEL, PSA_BY_PSP, PSA_ENFORCE_LABEL, QUOTA_NAME, ROLES_ANNOTATION, USERS_ANNOTATION } from './labels';
import { hardAfter } from './quota';
import { checkNamespaceUsers, usersAnnotation } from './users';
import { namespaceView } from './view';

const BASE = 'namespace.namespace_base';

/**
 * POST /namespace/: a Namespace owned by the project (label), with its PSA
 * level, business type, users and roles, and a ResourceQuota when a quota is
 * given. Everything is checked before the first write; if the quota cannot
 * be created the namespace is removed again.
 */
export async function createNamespace(ctx: Ctx, input: NamespaceCreate): Promise<{ namespace: NamespaceView }> {
  const { namespace_base: base, psp, quota } = input.namespace;
  const cluster = await requireClusterByName(ctx, base.cluster_name);
  const project = await requireProject(ctx, base.project_id);
  const [dept] = await ctx.db.select({ name: departments.name }).from(departments).where(eq(departments.id, project.departmentId));
  const problems: Record<string, string> = {};
  if (base.cluster_type !== cluster.type) problems[`${BASE}.cluster_type`] = `cluster "${cluster.name}" is of type ${cluster.type}`;
  if (base.business_type && cluster.type !== 'EOS') problems[`${BASE}.business_type`] = 'only for namespaces of an EOS (management) cluster';
  if (base.project !== project.name) problems[`${BASE}.project`] = `project ${project.id} is named "${project.name}"`;
  if (base.domain !== dept.name) problems[`${BASE}.domain`] = `project "${project.name}" belongs to department "${dept.name}"`;
  if (!clusterServesDepartment(cluster, project.departmentId)) problems[`${BASE}.cluster_name`] = `cluster "${cluster.name}" belongs to another department`;
  if (Object.keys(problems).length) throw new Invalid(problems);
  assertManagesDepartment(ctx.user, project.departmentId);
  await checkNamespaceUsers(ctx, project.id, base.user_ids ?? [], `${BASE}.user_ids`);

  const kube = await kubeFor(ctx, cluster);
  if (await kube.get(NAMESPACE, undefined, base.name)) {
    throw new Conflict(`namespace "${base.name}" already exists in cluster "${cluster.name}"`);
  }
  const labels: Record<string, string> = { [PROJECT_LABEL]: project.id };
  if (psp) labels[PSA_ENFORCE_LABEL] = PSA_BY_PSP[psp];
  if (cluster.type === 'EOS') labels[BUSINESS_TYPE_LABEL] = base.business_type ?? 'Normal';
  const annotations: Record<string, string> = {};
  const users = usersAnnotation(base.user_ids ?? []);
  if (users) annotations[USERS_ANNOTATION] = users;
  if (base.role) annotations[ROLES_ANNOTATION] = base.role.join(',');

  const object = await kube.create(NAMESPACE, undefined, { metadata: { name: base.name, labels, annotations } });
  let quotaObject: K8sObject | null = null;
  try {
    const hard = quota ? hardAfter({}, quota) : {};
    if (Object.keys(hard).length) {
      quotaObject = await kube.create(RESOURCE_QUOTA, base.name, { metadata: { name: QUOTA_NAME, namespace: base.name }, spec: { hard } });
    }
  } catch (err) {
    await kube.remove(NAMESPACE, undefined, base.name);
    throw err;
  }
  const view = namespaceView(cluster, { object, name: base.name, project: { ...project, departmentName: dept.name }, grant: 'write' }, quotaObject);
  await mutate(ctx, (tx) => recordAudit(ctx, tx, {
    action: 'create', resourceType: 'namespace', resourceId: `${cluster.name}/${base.name}`, resourceName: base.name,
    departmentId: project.departmentId, projectId: project.id, after: view,
  }));
  return { namespace: view };
}

import type { Ctx } from '@/lib/context';
import { Invalid } from '@/lib/errors';
import { mutate, recordAudit } from '@/lib/audit/record';
import type { NamespaceView, NsUser, Psp, Quota, QuotaStatus } from '@/lib/dialects/ecns/namespaces';
import { NAMESPACE, RESOURCE_QUOTA, type K8sObject } from './kube';
import { PSA_BY_PSP, PSA_ENFORCE_LABEL, QUOTA_NAME, USERS_ANNOTATION } from './labels';
import { hardAfter, quotaStatusOf } from './quota';
import { usedOf } from './usage';
import { requireNamespace } from './scope';
import { checkNamespaceUsers, usersAnnotation } from './users';
import { namespaceView } from './view';

type Found = Awaited<ReturnType<typeof requireNamespace>>;

/** The PATCH endpoints' `?cluster_type=`: optional, but when given it must be the cluster's. */
function checkClusterType(found: Found, clusterType: string | undefined): void {
  if (clusterType && clusterType !== found.cluster.type) {
    throw new Invalid({ cluster_type: `cluster "${found.cluster.name}" is of type ${found.cluster.type}` });
  }
}

async function audit(ctx: Ctx, found: Found, action: string, before: unknown, after: unknown): Promise<void> {
  await mutate(ctx, (tx) => recordAudit(ctx, tx, {
    action, resourceType: 'namespace', resourceId: `${found.cluster.name}/${found.name}`, resourceName: found.name,
    departmentId: found.project.departmentId, projectId: found.project.id, before, after,
  }));
}

async function quotaOf(found: Found): Promise<K8sObject | null> {
  return found.kube.get(RESOURCE_QUOTA, found.name, QUOTA_NAME);
}

/** PATCH …/psp/: Limited enforces the restricted Pod Security Standard, Unlimited privileged. */
export async function setNamespacePsp(ctx: Ctx, clusterName: string, name: string, psp: Psp, clusterType?: string): Promise<{ namespace: NamespaceView }> {
  const found = await requireNamespace(ctx, clusterName, name, 'manage');
  checkClusterType(found, clusterType);
  const before = found.object.metadata?.labels?.[PSA_ENFORCE_LABEL] ?? null;
  const object = await found.kube.mergePatch(NAMESPACE, undefined, name, { metadata: { labels: { [PSA_ENFORCE_LABEL]: PSA_BY_PSP[psp] } } });
  await audit(ctx, found, 'set-psp', { [PSA_ENFORCE_LABEL]: before }, { [PSA_ENFORCE_LABEL]: PSA_BY_PSP[psp] });
  return { namespace: namespaceView(found.cluster, { ...found, object }, await quotaOf(found)) };
}

/** PATCH …/user_ids/: the users allowed in; an empty list lets every member of the project in. */
export async function setNamespaceUsers(ctx: Ctx, clusterName: string, name: string, users: NsUser[], clusterType?: string): Promise<{ namespace: NamespaceView }> {
  const found = await requireNamespace(ctx, clusterName, name, 'manage');
  checkClusterType(found, clusterType);
  await checkNamespaceUsers(ctx, found.project.id, users, 'user_ids');
  const before = found.object.metadata?.annotations?.[USERS_ANNOTATION] ?? null;
  const value = usersAnnotation(users);
  const object = await found.kube.mergePatch(NAMESPACE, undefined, name, { metadata: { annotations: { [USERS_ANNOTATION]: value } } });
  await audit(ctx, found, 'set-users', { [USERS_ANNOTATION]: before }, { [USERS_ANNOTATION]: value });
  return { namespace: namespaceView(found.cluster, { ...found, object }, await quotaOf(found)) };
}

/**
 * PATCH …/quota/: items given replace theirs (-1 lifts the limit), the
 * others stay. Creates the namespace's Pier ResourceQuota on first use.
 */
export async function setNamespaceQuota(ctx: Ctx, clusterName: string, name: string, quota: Quota, clusterType?: string): Promise<{ quota: QuotaStatus }> {
  const found = await requireNamespace(ctx, clusterName, name, 'manage');
  checkClusterType(found, clusterType);
  const current = await quotaOf(found);
  const before = ((current?.spec as { hard?: Record<string, string> } | undefined)?.hard) ?? {};
  const hard = hardAfter(before, quota);
  let next: K8sObject;
  if (current) {
    // A merge patch removes a key only when it says null.
    const patch: Record<string, string | null> = { ...hard };
    for (const key of Object.keys(before)) if (!(key in hard)) patch[key] = null;
    next = await found.kube.mergePatch(RESOURCE_QUOTA, name, QUOTA_NAME, { spec: { hard: patch } });
  } else {
    next = await found.kube.create(RESOURCE_QUOTA, name, { metadata: { name: QUOTA_NAME, namespace: name }, spec: { hard } });
  }
  await audit(ctx, found, 'set-quota', { hard: before }, { hard });
  return { quota: await statusOf(found, next) };
}

type QuotaObject = { spec?: { hard?: Record<string, string> }; status?: { used?: Record<string, string> } };

async function statusOf(found: Found, rq: K8sObject | null): Promise<QuotaStatus> {
  const q = (rq ?? {}) as QuotaObject;
  return quotaStatusOf(q.spec?.hard, await usedOf(found.kube, found.name, q.status?.used));
}

/** GET …/quota/: hard (-1 where unlimited) and used, from the namespace's Pier ResourceQuota. */
export async function getNamespaceQuota(ctx: Ctx, clusterName: string, name: string): Promise<{ quota: QuotaStatus }> {
  const found = await requireNamespace(ctx, clusterName, name, 'use');
  return { quota: await statusOf(found, await quotaOf(found)) };
}

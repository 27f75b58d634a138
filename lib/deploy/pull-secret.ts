/**
 * The pull Secret a version with `repositoryId` names in its pods'
 * imagePullSecrets: a `kubernetes.io/dockerconfigjson` Secret built from the
 * project's third-party registry credential (sealed at rest), written to the
 * namespace through the adapter before the workload, so the first pods can
 * already pull; removed again when the namespace's last workload naming it
 * is gone (`prunePullSecrets`).
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appVersions, deployments, deployRequests, imageThirdRegistries } from '@/db/schema';
import { createOrUpdate, deleteObject, getObject, listAll, type KubeClients, type KubeObject } from '@/lib/cluster/adapter';
import { Conflict, NotFound } from '../errors';
import { unseal } from '../secrets/seal';
import { pullSecretName } from './objects';
import { DeployStatus, DeployType } from './states';

/** On the Secret: which registry it holds (an annotation: the name need not be a valid label value). Shared by the namespace's deployments. */
export const REGISTRY_ANNOTATION = 'pier.io/third-registry';

/** The Secret for `repositoryId` of this project, or null when the project has no such registry (nothing to write). */
export async function pullSecretOf(db: Db, projectId: string, namespace: string, repositoryId: string): Promise<KubeObject | null> {
  const [reg] = await db.select().from(imageThirdRegistries)
    .where(and(eq(imageThirdRegistries.projectId, projectId), eq(imageThirdRegistries.name, repositoryId))).limit(1);
  if (!reg) return null;
  const password = unseal(reg.passwordSealed, reg.id);
  const auth = Buffer.from(`${reg.username}:${password}`).toString('base64');
  const config = { auths: { [reg.address]: { username: reg.username, password, auth } } };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: pullSecretName(repositoryId), namespace, annotations: { [REGISTRY_ANNOTATION]: repositoryId } },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': Buffer.from(JSON.stringify(config)).toString('base64') },
  } as KubeObject;
}

/** Writes (or refreshes, if the credential changed) the Secret before the workload. */
export async function ensurePullSecret(c: KubeClients, db: Db, projectId: string, namespace: string, repositoryId: string | undefined): Promise<void> {
  if (!repositoryId) return;
  const secret = await pullSecretOf(db, projectId, namespace, repositoryId);
  if (secret) await createOrUpdate(c, secret);
}

/** Kinds whose pod template may name a pull Secret. ReplicaSets are left out: a deleted Deployment's old ones linger until garbage collection and need no pulls. */
const TEMPLATE_KINDS = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'batch/v1', kind: 'Job' },
  { apiVersion: 'batch/v1', kind: 'CronJob' },
] as const;

type PodSpecHolder = { kind?: string; spec?: { template?: { spec?: PullRefs }; jobTemplate?: { spec?: { template?: { spec?: PullRefs } } } } };
type PullRefs = { imagePullSecrets?: { name?: string }[] };

/** Pull Secret names the namespace's workloads (anyone's, not only Pier's) still name. */
async function namedPullSecrets(c: KubeClients, namespace: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (const ref of TEMPLATE_KINDS) {
    for (const o of (await listAll(c, ref, { namespace })).items as PodSpecHolder[]) {
      const pod = ref.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
      for (const s of pod?.imagePullSecrets ?? []) if (s.name) names.add(s.name);
    }
  }
  return names;
}

/**
 * Pull Secrets that open requests (approved or rolling out) of other
 * deployments of this namespace are about to write or use on this cluster:
 * their Secret may already be written while their workload is not yet, so
 * no workload names it.
 */
export async function pullSecretsWanted(db: Db, namespace: string, cluster: string, exceptRequestId: string): Promise<Set<string>> {
  const rows = await db.select({ spec: appVersions.spec, clusters: deployRequests.clusters, progress: deployRequests.progress })
    .from(deployRequests)
    .innerJoin(deployments, eq(deployments.id, deployRequests.deploymentId))
    .innerJoin(appVersions, eq(appVersions.id, deployRequests.versionId))
    .where(and(
      eq(deployments.namespace, namespace),
      inArray(deployRequests.status, [DeployStatus.approved, DeployStatus.processing, DeployStatus.deploying]),
      ne(deployRequests.id, exceptRequestId),
      ne(deployRequests.type, DeployType.delete),
    ));
  const out = new Set<string>();
  for (const r of rows) {
    const onCluster = r.clusters.includes(cluster) || r.progress.some((p) => p.cluster === cluster);
    if (onCluster && r.spec?.repositoryId) out.add(pullSecretName(r.spec.repositoryId));
  }
  return out;
}

/**
 * After a deployment stopped naming these registries on a cluster (deleted,
 * or moved to a version without them), removes the pull Secrets Pier wrote
 * for them there, unless a workload of the namespace still names one or an
 * open request is about to. Only Secrets carrying Pier's annotation are
 * touched, never a user's Secret of the same name; the delete is
 * conditional on the resourceVersion read, so a Secret rewritten meanwhile
 * (another instance's rollout) stays. Returns the names removed.
 */
export async function prunePullSecrets(c: KubeClients, namespace: string, repositoryIds: string[], wanted: Set<string>): Promise<string[]> {
  const candidates = [...new Set(repositoryIds.filter(Boolean).map(pullSecretName))].filter((n) => !wanted.has(n));
  if (candidates.length === 0) return [];
  const named = await namedPullSecrets(c, namespace);
  const removed: string[] = [];
  for (const name of candidates) {
    if (named.has(name)) continue;
    let secret: KubeObject;
    try {
      secret = await getObject(c, { apiVersion: 'v1', kind: 'Secret' }, name, namespace);
    } catch (err) {
      if (err instanceof NotFound) continue;
      throw err;
    }
    const annotations = (secret.metadata?.annotations ?? {}) as Record<string, string>;
    if (!(REGISTRY_ANNOTATION in annotations)) continue;
    const { uid, resourceVersion } = secret.metadata as { uid?: string; resourceVersion?: string };
    try {
      await deleteObject(c, { apiVersion: 'v1', kind: 'Secret' }, name, namespace, { preconditions: { uid, resourceVersion } });
      removed.push(name);
    } catch (err) {
      if (!(err instanceof NotFound) && !(err instanceof Conflict)) throw err;
    }
  }
  return removed;
}

/**
 * The pull Secret a version with `repositoryId` names in its pods'
 * imagePullSecrets: a `kubernetes.io/dockerconfigjson` Secret built from the
 * project's third-party registry credential (sealed at rest), written to the
 * namespace through the adapter before the workload, so the first pods can
 * already pull.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { imageThirdRegistries } from '@/db/schema';
import { createOrUpdate, type KubeClients, type KubeObject } from '@/lib/cluster/adapter';
import { unseal } from '../secrets/seal';
import { pullSecretName } from './objects';

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

import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { clusters, users, type ClusterRow } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { issueToken } from '@/lib/auth/tokens';
import { seal, SealError, unseal } from '@/lib/secrets/seal';
import { SYSTEM_USER } from '@/lib/auth/service-users';
import { simulatedKubeconfig, type KubeconfigDoc } from './kubeconfig';

/**
 * The built-in identity Pier uses to reach its own simulated clusters over
 * HTTP. A system administrator without a usable password ("!" matches no
 * argon2 hash), so nobody signs in as it; its bearer token lives only sealed
 * in the cluster's kubeconfig column. Pier scopes callers itself before it
 * calls the adapter, exactly as it would in front of a real cluster.
 */
export { SYSTEM_USER };
const TOKEN_TTL_MS = 100 * 365 * 24 * 3600_000;

async function systemUserId(db: Db, now: Date): Promise<string> {
  await db
    .insert(users)
    .values({
      id: newId(), name: SYSTEM_USER, displayName: 'Pier (cluster adapter)', role: 'system_admin', departmentId: null,
      passwordHash: '!', createdAt: now, passwordChangedAt: now,
    })
    .onConflictDoNothing({ target: users.name });
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.name, SYSTEM_USER));
  return row.id;
}

function openDoc(sealed: string | null, clusterId: string): KubeconfigDoc | null {
  if (!sealed) return null;
  try {
    return JSON.parse(unseal(sealed, clusterId)) as KubeconfigDoc;
  } catch (err) {
    if (err instanceof SealError || err instanceof SyntaxError) return null;
    throw err;
  }
}

/**
 * The kubeconfig of a simulated cluster, provisioned on first use: a token
 * for pier-system sealed into `kubeconfig_encrypted`. Provisioning locks the
 * cluster row, so concurrent first uses (several instances) issue one token.
 * A value that no longer opens (the key changed) is replaced the same way.
 */
export async function simulatedCredentials(db: Db, cluster: ClusterRow, now: Date): Promise<KubeconfigDoc> {
  const doc = openDoc(cluster.kubeconfigEncrypted, cluster.id);
  if (doc) return doc;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [row] = await t.select().from(clusters).where(eq(clusters.id, cluster.id)).for('update');
    const again = openDoc(row?.kubeconfigEncrypted ?? null, cluster.id);
    if (again) return again;
    const userId = await systemUserId(t, now);
    const issued = await issueToken(t, { userId, kind: 'personal', now, ttlMs: TOKEN_TTL_MS, name: `cluster ${cluster.name}` });
    const fresh = simulatedKubeconfig(cluster.name, issued.secret);
    await t.update(clusters).set({ kubeconfigEncrypted: seal(JSON.stringify(fresh), cluster.id) }).where(eq(clusters.id, cluster.id));
    return fresh;
  });
}

import {
  AppsV1Api, AutoscalingV2Api, BatchV1Api, CoreV1Api, KubeConfig, NetworkingV1Api, StorageV1Api,
} from '@kubernetes/client-node';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { clusters, type ClusterRow } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { unseal } from '@/lib/secrets/seal';
import { ClusterUnavailable } from './errors';
import { simulatedCredentials } from './identity';
import type { KubeconfigDoc } from './kubeconfig';
import { PierObjectApi } from './object-api';
import { selfUrl } from './self-url';

/** What the adapter hands out for one cluster: client-node's clients, ready to call. */
export interface KubeClients {
  cluster: Pick<ClusterRow, 'id' | 'name' | 'driver' | 'type'>;
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  autoscaling: AutoscalingV2Api;
  networking: NetworkingV1Api;
  storage: StorageV1Api;
  /** Any kind by apiVersion/kind; `send` for raw wire JSON. */
  objects: PierObjectApi;
}

const cache = new Map<string, { fingerprint: string; clients: KubeClients }>();

/** Builds client-node clients from a kubeconfig document (Pier keeps exactly one context). */
export function clientsFromDoc(cluster: KubeClients['cluster'], doc: KubeconfigDoc): KubeClients {
  const kc = new KubeConfig();
  kc.loadFromString(JSON.stringify(doc));
  return {
    cluster,
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    autoscaling: kc.makeApiClient(AutoscalingV2Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    storage: kc.makeApiClient(StorageV1Api),
    objects: kc.makeApiClient(PierObjectApi),
  };
}

async function docFor(db: Db, row: ClusterRow, now: Date): Promise<KubeconfigDoc> {
  if (row.driver === 'simulated') {
    const doc = await simulatedCredentials(db, row, now);
    // The sealed server is the /k8s/<name> path; this process's address is resolved now, so it follows PORT and PIER_SELF_URL.
    const server = `${selfUrl()}${row.server || `/k8s/${row.name}`}`;
    return { ...doc, clusters: [{ ...doc.clusters[0], cluster: { ...doc.clusters[0].cluster, server, 'insecure-skip-tls-verify': server.startsWith('http:') } }] };
  }
  if (!row.kubeconfigEncrypted) throw new ClusterUnavailable(`cluster "${row.name}" has no credentials`);
  return JSON.parse(unseal(row.kubeconfigEncrypted, row.id)) as KubeconfigDoc;
}

/**
 * The clients for a cluster row. Pier checks the caller's right to the
 * cluster before it gets here; the adapter only connects. Clients are kept
 * per cluster until its credentials (or, for simulated clusters, Pier's own
 * address) change.
 */
export async function clientsFor(db: Db, row: ClusterRow, now = new Date()): Promise<KubeClients> {
  const fingerprint = row.driver === 'simulated' ? `sim|${selfUrl()}|${row.server}` : `kc|${row.kubeconfigEncrypted}`;
  const hit = cache.get(row.id);
  if (hit && hit.fingerprint === fingerprint) return hit.clients;
  const clients = clientsFromDoc({ id: row.id, name: row.name, driver: row.driver, type: row.type }, await docFor(db, row, now));
  cache.set(row.id, { fingerprint, clients });
  return clients;
}

/** The clients for a cluster by name (no visibility check: callers scope first). */
export async function clientsByName(db: Db, name: string, now = new Date()): Promise<KubeClients> {
  const [row] = await db.select().from(clusters).where(eq(clusters.name, name)).limit(1);
  if (!row) throw new NotFound(`cluster ${name}`, `cluster "${name}" not found`);
  return clientsFor(db, row, now);
}

/** Drops cached clients (after a cluster is edited or removed). */
export function forgetClients(clusterId: string): void {
  cache.delete(clusterId);
}

import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { clusters, departments, projects } from '@/db/schema';
import { PROJECT_LABEL } from '@/lib/cluster/namespaces/labels';
import { newId } from '@/db/schema/ids';
import { findKind, NAMESPACES, NODES } from './kinds';
import { k8sTime } from './objects';
import { createObject, type Sim } from './store';
import { K8sError } from './status';

export const LOCAL_CLUSTER = 'local';

const EDGE_TAINT = { key: 'node-role.kubernetes.io/edge', effect: 'NoSchedule' };

function node(name: string, labels: Record<string, string>, now: Date, taints: object[] = []) {
  const capacity = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '50Gi' };
  const t = k8sTime(now);
  return {
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...labels },
    },
    spec: taints.length ? { taints } : {},
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t, lastTransitionTime: t },
        ...['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({
          type, status: 'False', reason: `KubeletHasNo${type}`, message: `kubelet has no ${type.replace('Pressure', '').toLowerCase()} pressure`,
          lastHeartbeatTime: t, lastTransitionTime: t,
        })),
      ],
      addresses: [{ type: 'Hostname', address: name }],
      nodeInfo: {
        architecture: 'amd64', operatingSystem: 'linux', osImage: 'Pier simulated node', kernelVersion: '6.1.0',
        containerRuntimeVersion: 'containerd://1.7.0', kubeletVersion: 'v1.30.0', kubeProxyVersion: 'v1.30.0',
      },
    },
  };
}

/** Creates unless it exists: seeding is idempotent object by object. */
async function ensure(s: Sim, plural: string, body: object): Promise<void> {
  try {
    await createObject(s, findKind('', 'v1', plural)!, undefined, body);
  } catch (err) {
    if (!(err instanceof K8sError && err.reason === 'AlreadyExists')) throw err;
  }
}

/** The demo department's projects by name: namespaces alpha and beta belong to them (docs/namespaces.md). */
async function demoProjectIds(db: Db): Promise<Record<string, string>> {
  const rows = await db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .where(eq(departments.name, 'Demo'));
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

/**
 * The default StorageClass `standard`: claims without a class get it, and a
 * volume is provisioned for them at once (Immediate), as minikube's and
 * kind's default classes do.
 */
async function ensureStorageClass(s: Sim): Promise<void> {
  try {
    await createObject(s, findKind('storage.k8s.io', 'v1', 'storageclasses')!, undefined, {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'pier.io/simulated-hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
    });
  } catch (err) {
    if (!(err instanceof K8sError && err.reason === 'AlreadyExists')) throw err;
  }
}

/**
 * The simulated cluster a fresh install comes with: `local`, namespaces
 * default and kube-system, and (with the demo data) alpha and beta for the
 * demo projects; three workers and the edge group edge-a (two nodes,
 * labelled and tainted). Safe to run on every start.
 */
export async function seedLocalCluster(db: Db, now: Date, opts: { demo?: boolean } = {}): Promise<{ clusterId: string }> {
  await db
    .insert(clusters)
    .values({ id: newId(), name: LOCAL_CLUSTER, type: 'EKS', driver: 'simulated', server: `/k8s/${LOCAL_CLUSTER}`, createdAt: now })
    .onConflictDoNothing({ target: clusters.name });
  const [row] = await db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, LOCAL_CLUSTER));
  const s: Sim = { db, clock: { now: () => now }, clusterId: row.id };
  const namespaces = ['default', 'kube-system', ...(opts.demo === false ? [] : ['alpha', 'beta'])];
  const owners = await demoProjectIds(db);
  for (const ns of namespaces) {
    await ensure(s, NAMESPACES.plural, { metadata: { name: ns, ...(owners[ns] ? { labels: { [PROJECT_LABEL]: owners[ns] } } : {}) } });
  }
  for (const n of ['worker-1', 'worker-2', 'worker-3']) {
    await ensure(s, NODES.plural, node(n, { 'node-role.kubernetes.io/worker': '' }, now));
  }
  await ensureStorageClass(s);
  for (const n of ['edge-a-1', 'edge-a-2']) {
    await ensure(s, NODES.plural, node(n, { 'node-role.kubernetes.io/edge': '', 'pier.io/node-group': 'edge-a' }, now, [EDGE_TAINT]));
  }
  return { clusterId: row.id };
}

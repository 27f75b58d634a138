/**
 * For benchmarks only: fills a simulated cluster with the end state the
 * controllers would have reached for a given size (Ready nodes, namespaces,
 * complete Deployments, their ReplicaSets, and bound Running Ready pods with
 * the controllers' labels, ownerReferences and status), written straight
 * into the store in large transactions. Making 50,000 pods through the
 * controllers takes hours on a small machine (docs/performance.md); the read
 * paths only need the state to be there, and the change log to hold it.
 *
 * Each transaction takes the cluster's counter row lock and a block of
 * resourceVersions, as the store's writers do, and appends one ADDED change
 * per object, so watches and the controllers' cache see a consistent log.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { clusters, k8sChanges, k8sObjects } from '@/db/schema';
import type { Db } from '@/db/client';
import { fullReference, parseImage } from '@/lib/cluster/sim/controllers/images';
import { podTemplateHash } from '@/lib/cluster/sim/controllers/rollout';
import { findKind, type KindInfo } from '@/lib/cluster/sim/kinds';
import { k8sTime, newUid, ownerUids, type K8sObject } from '@/lib/cluster/sim/objects';
import type { Sim } from '@/lib/cluster/sim/store';

export interface FillOptions {
  nodes: number;
  deployments: number;
  replicas: number;
  namespaces: number;
  /** Namespace names are `<prefix><n>` (default "bench-"). */
  namespacePrefix?: string;
  image?: string;
  /** Objects per transaction (default 5,000). */
  batch?: number;
}

export interface FillResult {
  nodes: number;
  namespaces: number;
  deployments: number;
  replicaSets: number;
  pods: number;
  /** The cluster's resourceVersion after the fill. */
  resourceVersion: number;
}

const NODES = findKind('', 'v1', 'nodes')!;
const NAMESPACES = findKind('', 'v1', 'namespaces')!;
const PODS = findKind('', 'v1', 'pods')!;
const DEPLOYMENTS = findKind('apps', 'v1', 'deployments')!;
const REPLICASETS = findKind('apps', 'v1', 'replicasets')!;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The names the bench's nodes get: bench-node-000, ... */
export const benchNodeName = (i: number) => `bench-node-${String(i).padStart(3, '0')}`;

const SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';
/** A generateName suffix, as the apiserver makes them (5 characters). */
function suffix(n: number): string {
  let s = '';
  let x = n * 2654435761 >>> 0;
  for (let i = 0; i < 5; i++) {
    s += SUFFIX[x % SUFFIX.length];
    x = Math.floor(x / SUFFIX.length) ^ (n + i * 7919);
  }
  return s;
}

interface Pending {
  kind: KindInfo;
  body: K8sObject;
}

function node(i: number, at: string): K8sObject {
  const name = benchNodeName(i);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'pier.io/bench': 'true' } },
    spec: {},
    status: {
      capacity: { cpu: '64', memory: '256Gi', pods: '1000' },
      allocatable: { cpu: '64', memory: '256Gi', pods: '1000' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: at, lastTransitionTime: at }],
      addresses: [{ type: 'InternalIP', address: `192.168.${100 + Math.floor(i / 250)}.${(i % 250) + 2}` }, { type: 'Hostname', address: name }],
      nodeInfo: { kubeletVersion: 'v1.30.0', osImage: 'Pier simulated', architecture: 'amd64', operatingSystem: 'linux', containerRuntimeVersion: 'containerd://1.7.0' },
    },
  };
}

function namespace(name: string): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function template(app: string, image: string) {
  return {
    metadata: { labels: { app, tier: 'web' } },
    spec: {
      containers: [{ name: 'web', image, imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler',
    },
  };
}

/** One Deployment with its ReplicaSet and pods, as the controllers leave them once the rollout is complete. */
function workload(app: string, ns: string, replicas: number, image: string, at: string, podIndex: { next: number }, nodes: number): Pending[] {
  const tpl = template(app, image);
  const ref = parseImage(image);
  const hash = podTemplateHash(tpl);
  const dUid = newUid();
  const rsUid = newUid();
  const rsName = `${app}-${hash}`;
  const maxSurge = Math.ceil(replicas * 0.25);
  const cond = (type: string, reason: string, message: string) => ({ type, status: 'True', reason, message, lastUpdateTime: at, lastTransitionTime: at });
  const deployment: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: ns, uid: dUid, generation: 1, labels: { app }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas,
      selector: { matchLabels: { app } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: tpl,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas,
      conditions: [
        cond('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
        cond('Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`),
      ],
    },
  };
  const rsTemplate = { ...tpl, metadata: { labels: { ...tpl.metadata.labels, 'pod-template-hash': hash } } };
  const replicaSet: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName, namespace: ns, uid: rsUid, generation: 1,
      labels: rsTemplate.metadata.labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + maxSurge),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: dUid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas, minReadySeconds: 0, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template: rsTemplate },
    status: { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
  };
  const out: Pending[] = [{ kind: DEPLOYMENTS, body: deployment }, { kind: REPLICASETS, body: replicaSet }];
  for (let r = 0; r < replicas; r++) {
    const i = podIndex.next++;
    const n = i % nodes;
    const hostIP = `192.168.${100 + Math.floor(n / 250)}.${(n % 250) + 2}`;
    const podIP = `10.${(n >> 8) + 1}.${n & 255}.${Math.floor(i / nodes) % 250 + 2}`;
    const uid = newUid();
    const ready = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: at });
    out.push({
      kind: PODS,
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rsName}-${suffix(i)}`, generateName: `${rsName}-`, namespace: ns, uid, generation: 1,
          labels: rsTemplate.metadata.labels,
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rsUid, controller: true, blockOwnerDeletion: true }],
        },
        spec: {
          ...structuredClone(tpl.spec),
          nodeName: benchNodeName(n),
          tolerations: [
            { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
            { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          ],
        },
        status: {
          phase: 'Running',
          conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(ready),
          hostIP, hostIPs: [{ ip: hostIP }], podIP, podIPs: [{ ip: podIP }], startTime: at,
          containerStatuses: [{
            name: 'web', state: { running: { startedAt: at } }, lastState: {}, ready: true, restartCount: 0, image,
            // The kubelet's own ids (lib/cluster/sim/controllers/kubelet.ts), so it finds nothing to rewrite.
            imageID: `${ref.registry}/${ref.repository}@sha256:${sha256(fullReference(ref))}`,
            containerID: `containerd://${sha256(`${uid}/web/0`)}`, started: true,
          }],
          qosClass: 'Burstable',
        },
      },
    });
  }
  return out;
}

/**
 * Writes objects in one transaction: locks the counter, takes a block of
 * versions, inserts the rows and their ADDED changes in multi-row statements.
 */
async function writeBlock(s: Sim, block: Pending[], created: string): Promise<number> {
  return s.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = await tx
      .update(clusters)
      .set({ resourceVersion: sql`${clusters.resourceVersion} + ${block.length}` })
      .where(eq(clusters.id, s.clusterId))
      .returning({ rv: clusters.resourceVersion });
    if (!row) throw new Error(`cluster ${s.clusterId} not found`);
    const first = row.rv - block.length + 1;
    const now = s.clock.now();
    const objects = block.map((p, i) => {
      const m = p.body.metadata!;
      m.uid ??= newUid();
      m.resourceVersion = String(first + i);
      m.creationTimestamp = created;
      return {
        clusterId: s.clusterId, apiGroup: p.kind.group, resource: p.kind.plural, namespace: p.kind.namespaced ? m.namespace! : '',
        name: m.name!, uid: m.uid, resourceVersion: first + i, generation: m.generation ?? 1, labels: m.labels ?? {},
        ownerUids: ownerUids(p.body), body: p.body, createdAt: now,
      };
    });
    // 12 and 9 columns: 1,000 rows a statement stays far below the 65,535 parameters a statement may carry.
    for (let i = 0; i < objects.length; i += 1000) await tx.insert(k8sObjects).values(objects.slice(i, i + 1000));
    const changes = objects.map((o) => ({
      clusterId: o.clusterId, resourceVersion: o.resourceVersion, type: 'ADDED' as const, apiGroup: o.apiGroup,
      resource: o.resource, namespace: o.namespace, name: o.name, body: o.body, at: now,
    }));
    for (let i = 0; i < changes.length; i += 1000) await tx.insert(k8sChanges).values(changes.slice(i, i + 1000));
    return row.rv;
  });
}

/**
 * Fills the cluster: `nodes` Ready nodes, `namespaces` namespaces, and
 * `deployments` complete Deployments of `replicas` Running Ready pods each,
 * spread round-robin over the namespaces (Deployment d in namespace d mod n,
 * as `npm run bench:cluster` creates them) and the pods over the nodes.
 */
export async function fillCluster(s: Sim, o: FillOptions): Promise<FillResult> {
  const prefix = o.namespacePrefix ?? 'bench-';
  const image = o.image ?? 'nginx:alpine';
  const batch = o.batch ?? 5000;
  const at = k8sTime(s.clock.now());
  let rv = 0;
  let pending: Pending[] = [];
  const flush = async () => {
    if (pending.length) rv = await writeBlock(s, pending, at);
    pending = [];
  };
  for (let i = 0; i < o.nodes; i++) pending.push({ kind: NODES, body: node(i, at) });
  for (let n = 0; n < o.namespaces; n++) pending.push({ kind: NAMESPACES, body: namespace(`${prefix}${n}`) });
  await flush();
  const podIndex = { next: 0 };
  for (let d = 0; d < o.deployments; d++) {
    pending.push(...workload(`app-${d}`, `${prefix}${d % o.namespaces}`, o.replicas, image, at, podIndex, Math.max(1, o.nodes)));
    if (pending.length >= batch) await flush();
  }
  await flush();
  return { nodes: o.nodes, namespaces: o.namespaces, deployments: o.deployments, replicaSets: o.deployments, pods: podIndex.next, resourceVersion: rv };
}

/**
 * A deployment's objects on one cluster, through the adapter (the only way
 * Pier talks to a cluster): write a version, remove them all, read how the
 * rollout is doing.
 */
import type { Db } from '@/db/client';
import { clientsByName, createObject, createOrUpdate, deleteObject, getObject, listAll, type KubeClients, type KubeObject } from '@/lib/cluster/adapter';
import { PROJECT_LABEL } from '@/lib/cluster/namespaces/labels';
import { NotFound } from '../errors';
import { DEPLOYMENT_LABEL, REQUEST_ANNOTATION } from './labels';
import { OWNED_KINDS, objectKey, type KubeObj } from './objects';

export type { KubeClients };

export const clientsOf = (db: Db, cluster: string) => clientsByName(db, cluster);

const annotationsOf = (o: KubeObject) => (o.metadata?.annotations ?? {}) as Record<string, string>;

/** The namespace of the project on this cluster, made (and labelled for the project) when missing. */
export async function ensureNamespace(c: KubeClients, name: string, projectId: string): Promise<void> {
  try {
    const ns = await getObject(c, { apiVersion: 'v1', kind: 'Namespace' }, name);
    const owner = (ns.metadata?.labels as Record<string, string> | undefined)?.[PROJECT_LABEL];
    if (owner && owner !== projectId) throw new Error(`namespace "${name}" belongs to another project`);
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
    await createObject(c, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [PROJECT_LABEL]: projectId } } });
  }
}

/** What Pier made for this deployment in this namespace, by its label. */
export async function liveObjects(c: KubeClients, namespace: string, deployName: string): Promise<KubeObj[]> {
  const out: KubeObj[] = [];
  for (const ref of OWNED_KINDS) {
    const page = await listAll(c, ref, { namespace, labelSelector: `${DEPLOYMENT_LABEL}=${deployName}` });
    for (const o of page.items) out.push({ ...o, apiVersion: ref.apiVersion, kind: ref.kind } as unknown as KubeObj);
  }
  return out;
}

/** Has this request's write already reached the cluster? The workload carries the request id it was written by. */
export function appliedBy(live: KubeObj[], requestId: string): boolean {
  const w = live.find((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet');
  return !!w && annotationsOf(w as KubeObject)[REQUEST_ANNOTATION] === requestId;
}

/**
 * Writes `desired` (stamped with the request id) and removes the objects
 * of this deployment that the version no longer has. Fields others own
 * are carried over: a Service's cluster IP, the replicas an HPA set.
 */
export async function applyObjects(c: KubeClients, desired: KubeObj[], requestId: string, live: KubeObj[]): Promise<void> {
  const liveBy = new Map(live.map((o) => [objectKey(o), o]));
  const hasHpa = desired.some((o) => o.kind === 'HorizontalPodAutoscaler');
  // Services and the HPA after the workload, so the pods exist before traffic and scaling.
  for (const d of desired) {
    const obj = structuredClone(d) as KubeObj & { spec: Record<string, unknown> };
    obj.metadata.annotations = { ...obj.metadata.annotations, [REQUEST_ANNOTATION]: requestId };
    const cur = liveBy.get(objectKey(d)) as (KubeObj & { spec?: Record<string, unknown> }) | undefined;
    if (cur && d.kind === 'Service') {
      for (const k of ['clusterIP', 'clusterIPs']) if (cur.spec?.[k] !== undefined) obj.spec[k] = cur.spec[k];
    }
    if (cur && d.kind === 'Deployment' && hasHpa && typeof cur.spec?.replicas === 'number') obj.spec.replicas = cur.spec.replicas;
    await createOrUpdate(c, obj as unknown as KubeObject);
  }
  const wanted = new Set(desired.map(objectKey));
  for (const l of live) if (!wanted.has(objectKey(l))) await removeObject(c, l);
}

async function removeObject(c: KubeClients, o: KubeObj): Promise<void> {
  try {
    await deleteObject(c, { apiVersion: o.apiVersion, kind: o.kind }, o.metadata.name, o.metadata.namespace, { propagationPolicy: 'Background' });
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
  }
}

export async function removeAll(c: KubeClients, live: KubeObj[]): Promise<void> {
  for (const o of live) await removeObject(c, o);
}

export interface Observed {
  ready: boolean;
  running: number;
  error: number;
  total: number;
  message?: string;
}

const ERROR_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff', 'CreateContainerConfigError', 'InvalidImageName', 'RunContainerError']);

type Pod = { status?: { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } };

/** The rollout on one cluster: is the workload fully rolled out and available, and how its pods are. */
export async function observe(c: KubeClients, namespace: string, deployName: string): Promise<Observed> {
  const live = await liveObjects(c, namespace, deployName);
  const w = live.find((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet') as (KubeObj & { status?: Record<string, number> }) | undefined;
  const pods = (await listAll(c, { apiVersion: 'v1', kind: 'Pod' }, { namespace, labelSelector: `${DEPLOYMENT_LABEL}=${deployName}` })).items as Pod[];
  let running = 0;
  let error = 0;
  const reasons = new Set<string>();
  for (const p of pods) {
    const ready = p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
    const waiting = (p.status?.containerStatuses ?? []).map((s) => s.state?.waiting?.reason).filter((r): r is string => !!r && ERROR_REASONS.has(r));
    if (p.status?.phase === 'Running' && ready) running++;
    else if (p.status?.phase === 'Failed' || waiting.length) { error++; waiting.forEach((r) => reasons.add(r)); }
  }
  if (!w) return { ready: false, running, error, total: pods.length, message: 'the workload is missing' };
  const gen = Number((w.metadata as { generation?: number }).generation ?? 0);
  const s = w.status ?? {};
  let ready: boolean;
  if (w.kind === 'Deployment') {
    const want = Number((w.spec as { replicas?: number }).replicas ?? 1);
    ready = (s.observedGeneration ?? 0) >= gen && (s.updatedReplicas ?? 0) >= want && (s.availableReplicas ?? 0) >= want && (s.replicas ?? 0) <= want;
  } else {
    const want = s.desiredNumberScheduled ?? 0;
    ready = (s.observedGeneration ?? 0) >= gen && (s.updatedNumberScheduled ?? 0) >= want && (s.numberAvailable ?? 0) >= want;
  }
  return { ready, running, error, total: pods.length, ...(reasons.size ? { message: [...reasons].join(', ') } : {}) };
}

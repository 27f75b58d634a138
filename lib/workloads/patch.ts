import type { Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { createObject, deleteObject, mergePatch, replaceObject, retryOnConflict, type KubeObject } from '@/lib/cluster/adapter';
import {
  workload as workloadSchema, type AccessMode, type Container, type Network, type ScaleStrategy, type SchedulerStrategy, type UpdateStrategy, type Workload, type WorkloadType,
} from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import { Invalid, NotFound } from '@/lib/errors';
import { zodFields } from '@/lib/http/body';
import { accessModeToKube, ingressesOf, servicesOf } from './access';
import { auditWorkloads } from './audit';
import type { WorkloadObject } from './bundle';
import { HPA, INGRESS, SERVICE, WORKLOAD_REF } from './kinds';
import { CONTAINERS_ANNOTATION, PIER_PREFIX, STOPPED_REPLICAS_ANNOTATION, UPDATE_TYPE_ANNOTATION, WORKLOAD_LABEL } from './labels';
import { STOPPED_NODE_LABEL } from './lifecycle';
import { fullView, readNeighbours, requireWorkload, viewOf, type Neighbours } from './read';
import { requireRevision } from './revisions';
import { workloadScope, type WorkloadScope } from './scope';
import { scaleStrategyToKube, hpaOf } from './strategy';
import { selectorFor, workloadToKube } from './to-kube';
import { validateBundle } from './validate';

export type PatchAction =
  | { action: 'scale'; replicas: number }
  | { action: 'access_modes'; access_modes: AccessMode[] }
  | { action: 'containers'; containers: Container[] }
  | { action: 'update_strategy'; update_strategy: UpdateStrategy }
  | { action: 'rollback'; target_version: number }
  | { action: 'scale_strategy'; scale_strategy: ScaleStrategy | null }
  | { action: 'scheduler_strategy'; scheduler_strategy: SchedulerStrategy[] }
  | { action: 'network'; network: Network }
  | { action: 'labels'; labels: Record<string, string> };

/** The workload with one aspect changed, checked by the same rules as a create (field names as in the PATCH body). */
function changed(current: Workload, change: Partial<Workload>): Workload {
  const next = { ...current, ...change };
  const r = workloadSchema.safeParse(next);
  if (!r.success) throw new Invalid(zodFields(r.error));
  return r.data;
}

function setOrDelete<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v === undefined) delete o[k];
  else o[k] = v;
}

/** The live object with the parts `action` owns taken from a fresh translation of `next`; everything else stays as it is. */
function applyAspect(live: WorkloadObject, next: Workload, action: PatchAction['action'], namespace: string): WorkloadObject {
  const fresh = workloadToKube(next, { namespace, live }).workload;
  const out = structuredClone(live) as WorkloadObject;
  const pod = out.spec!.template.spec!;
  const freshPod = fresh.spec!.template.spec!;
  const annotations = { ...(out.metadata?.annotations ?? {}) };
  const freshAnn = fresh.metadata?.annotations ?? {};
  const keepAnnotation = (key: string) => setOrDelete(annotations, key, freshAnn[key]);
  switch (action) {
    case 'containers':
      pod.containers = freshPod.containers;
      setOrDelete(pod, 'initContainers', freshPod.initContainers);
      setOrDelete(pod, 'imagePullSecrets', freshPod.imagePullSecrets);
      setOrDelete(pod, 'hostPID', freshPod.hostPID);
      setOrDelete(pod, 'hostIPC', freshPod.hostIPC);
      keepAnnotation(CONTAINERS_ANNOTATION);
      break;
    case 'update_strategy': {
      const spec = out.spec as unknown as Record<string, unknown>;
      const freshSpec = fresh.spec as unknown as Record<string, unknown>;
      for (const k of ['strategy', 'updateStrategy', 'minReadySeconds']) setOrDelete(spec, k, freshSpec[k]);
      keepAnnotation(UPDATE_TYPE_ANNOTATION);
      break;
    }
    case 'scheduler_strategy': {
      const stopped = pod.nodeSelector?.[STOPPED_NODE_LABEL];
      setOrDelete(pod, 'nodeSelector', freshPod.nodeSelector);
      setOrDelete(pod, 'affinity', freshPod.affinity);
      if (stopped !== undefined) pod.nodeSelector = { ...(pod.nodeSelector ?? {}), [STOPPED_NODE_LABEL]: stopped };
      break;
    }
    case 'network':
      setOrDelete(pod, 'hostNetwork', freshPod.hostNetwork);
      setOrDelete(pod, 'dnsPolicy', freshPod.dnsPolicy);
      setOrDelete(pod, 'hostAliases', freshPod.hostAliases);
      break;
    case 'labels': {
      const pier = Object.fromEntries(Object.entries(out.metadata?.labels ?? {}).filter(([k]) => k.startsWith(PIER_PREFIX)));
      out.metadata = { ...out.metadata, labels: { ...next.labels, ...pier } };
      break;
    }
  }
  out.metadata = { ...out.metadata, annotations };
  if (!Object.keys(annotations).length) delete out.metadata.annotations;
  return out;
}

function validateWorkloadObject(o: WorkloadObject): void {
  validateBundle({ workload: o, services: [], ingresses: [], claims: [] });
}

/** access_modes: the Services (and Ingresses) become exactly the ones asked for; others of this workload go. Names are kept, so are cluster IPs. */
async function reconcileAccess(sc: WorkloadScope, o: WorkloadObject, modes: AccessMode[], n: Neighbours): Promise<void> {
  const name = o.metadata!.name!;
  const current = servicesOf(name, o.spec?.template.metadata?.labels ?? {}, n.services);
  const currentIngresses = ingressesOf(current, n.ingresses);
  // Services made by kubectl select the pods by their own labels; Pier's select by pier.io/workload.
  const selector = o.spec?.selector?.matchLabels ?? selectorFor(name);
  const wanted = modes.map((m, i) => accessModeToKube(name, selector, m, i));
  validateBundle({ workload: o, services: wanted.map((w) => w.service), ingresses: wanted.flatMap((w) => (w.ingress ? [w.ingress] : [])), claims: [] });
  const inNs = <T extends { metadata?: { namespace?: string } }>(x: T): T => ({ ...x, metadata: { ...x.metadata, namespace: sc.namespace } });
  for (const w of wanted) {
    const svc = inNs(w.service);
    const live = current.find((s) => s.metadata?.name === svc.metadata?.name) ?? n.services.find((s) => s.metadata?.name === svc.metadata?.name);
    if (live) {
      const keepIp = live.spec?.clusterIP && !svc.spec?.clusterIP && live.spec.type !== 'ExternalName' && svc.spec?.type !== 'ExternalName';
      const spec = { ...svc.spec, ...(keepIp ? { clusterIP: live.spec!.clusterIP, clusterIPs: live.spec!.clusterIPs } : {}) };
      await replaceObject(sc.c, { ...svc, metadata: { ...svc.metadata, resourceVersion: live.metadata?.resourceVersion }, spec } as unknown as KubeObject);
    } else {
      await createObject(sc.c, svc as unknown as KubeObject);
    }
    const ing = w.ingress ? inNs(w.ingress) : undefined;
    const liveIng = n.ingresses.find((i) => i.metadata?.name === svc.metadata?.name && i.metadata?.labels?.[WORKLOAD_LABEL] === name);
    if (ing && liveIng) await replaceObject(sc.c, { ...ing, metadata: { ...ing.metadata, resourceVersion: liveIng.metadata?.resourceVersion } } as unknown as KubeObject);
    else if (ing) await createObject(sc.c, ing as unknown as KubeObject);
    else if (liveIng) await deleteObject(sc.c, INGRESS, liveIng.metadata!.name!, sc.namespace);
  }
  const keep = new Set(wanted.map((w) => w.service.metadata?.name));
  for (const i of currentIngresses as Ingress[]) {
    if (!keep.has(i.metadata?.name) && i.metadata?.labels?.[WORKLOAD_LABEL] === name) await deleteObject(sc.c, INGRESS, i.metadata!.name!, sc.namespace);
  }
  for (const s of current as Service[]) if (!keep.has(s.metadata?.name)) await deleteObject(sc.c, SERVICE, s.metadata!.name!, sc.namespace);
}

async function applyScaleStrategy(sc: WorkloadScope, o: WorkloadObject, s: ScaleStrategy | null, n: Neighbours): Promise<void> {
  const type = o.kind as WorkloadType;
  const name = o.metadata!.name!;
  const live = hpaOf(type, name, n.hpas);
  if (!s) {
    if (live) await deleteObject(sc.c, HPA, live.metadata!.name!, sc.namespace);
    return;
  }
  const hpa = scaleStrategyToKube(name, type, s);
  hpa.metadata = { ...hpa.metadata, namespace: sc.namespace, ...(live ? { name: live.metadata!.name, resourceVersion: live.metadata?.resourceVersion } : {}) };
  validateBundle({ workload: o, services: [], ingresses: [], claims: [], hpa });
  if (live) await replaceObject(sc.c, hpa as unknown as KubeObject);
  else await createObject(sc.c, hpa as unknown as KubeObject);
}

/**
 * PATCH /workloads/workload/<name>/?action=…: one aspect of a workload.
 * The change is checked (seed rules and the OpenAPI schemas) before the
 * cluster is touched; fields ECNS does not describe stay as they are.
 * Answers `{ workload }` as it is afterwards.
 */
export async function patchWorkload(ctx: Ctx, type: WorkloadType, name: string, p: PatchAction) {
  const sc = await workloadScope(ctx, 'write');
  // A controller's status write between our read and our replace is a 409 on
  // the stale resourceVersion: read again and re-apply the same change.
  const before = await retryOnConflict(() => applyPatch(sc, type, name, p));
  const after = await requireWorkload(sc, type, name);
  const n2 = await readNeighbours(sc);
  await auditWorkloads(sc, p.action, [{ type, name, before, after: viewOf(after, n2) }]);
  return { workload: fullView(after, n2) };
}

/** One attempt: reads the workload and its neighbours, writes the change; answers the view before it. */
async function applyPatch(sc: WorkloadScope, type: WorkloadType, name: string, p: PatchAction): Promise<Workload> {
  const live = await requireWorkload(sc, type, name);
  const n = await readNeighbours(sc);
  const before = viewOf(live, n);
  const ref = WORKLOAD_REF[type];
  switch (p.action) {
    case 'scale': {
      if (type === 'DaemonSet') throw new Invalid({ workload_type: 'a DaemonSet runs one pod per node and cannot be scaled' });
      const stopped = live.metadata?.annotations?.[STOPPED_REPLICAS_ANNOTATION] !== undefined;
      await mergePatch(sc.c, ref, name, sc.namespace, { ...(stopped ? { metadata: { annotations: { [STOPPED_REPLICAS_ANNOTATION]: null } } } : {}), spec: { replicas: p.replicas } });
      break;
    }
    case 'access_modes':
      changed(before, { access_mode: p.access_modes });
      await reconcileAccess(sc, live, p.access_modes, n);
      break;
    case 'scale_strategy':
      if (type === 'DaemonSet' && p.scale_strategy) throw new Invalid({ scale_strategy: 'not for a DaemonSet' });
      await applyScaleStrategy(sc, live, p.scale_strategy, n);
      break;
    case 'rollback': {
      const r = await requireRevision(sc, live, p.target_version).catch((err) => {
        if (err instanceof NotFound) throw new Invalid({ target_version: err.message });
        throw err;
      });
      const template = structuredClone(r.template);
      if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
      if (template.metadata?.labels) delete template.metadata.labels['controller-revision-hash'];
      const out = structuredClone(live);
      out.spec!.template = template;
      validateWorkloadObject(out);
      await replaceObject(sc.c, out as unknown as KubeObject);
      break;
    }
    default: {
      const key = { containers: 'containers', update_strategy: 'update_strategy', scheduler_strategy: 'scheduler_strategy', network: 'network', labels: 'labels' }[p.action];
      const value = (p as Record<string, unknown>)[p.action];
      const next = changed(before, { [key]: value } as Partial<Workload>);
      const out = applyAspect(live, next, p.action, sc.namespace);
      validateWorkloadObject(out);
      await replaceObject(sc.c, out as unknown as KubeObject);
    }
  }
  return before;
}

export type WorkloadAspect = 'access' | 'containers' | 'scale_strategy' | 'scheduler_strategy' | 'network';

/** GET …/access/, …/containers/, …/scale_strategy, …/scheduler_strategy, …/network. */
export async function workloadAspect(ctx: Ctx, type: WorkloadType, name: string, aspect: WorkloadAspect) {
  const sc = await workloadScope(ctx, 'read');
  const o = await requireWorkload(sc, type, name);
  const w = viewOf(o, await readNeighbours(sc, { nodes: aspect === 'access' }));
  switch (aspect) {
    case 'access': return { access_mode: w.access_mode ?? [] };
    case 'containers': return { containers: w.containers };
    case 'scale_strategy': return { scale_strategy: w.scale_strategy ?? null };
    case 'scheduler_strategy': return { scheduler_strategy: w.scheduler_strategy ?? [] };
    case 'network': return { network: w.network ?? {} };
  }
}

import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PersistentVolumeClaim, PodSpec, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { Network, Workload, WorkloadType } from '@/lib/dialects/ecns/workloads';
import { accessModeFromKube, type NodeAddresses } from './access';
import type { WorkloadObject } from './bundle';
import { containerFromKube, type ContainerMeta } from './containers';
import {
  APPLICATION_LABEL, APPLICATION_TYPE_ANNOTATION, CONTAINERS_ANNOTATION, HYBRID_ANNOTATION, parseJsonAnnotation, UPDATE_TYPE_ANNOTATION, userLabels,
} from './labels';
import { schedulingFromKube } from './scheduling';
import { scaleStrategyFromKube, updateStrategyFromKube } from './strategy';
import { volumesFromKube } from './volumes';

export interface KubeView {
  workload: WorkloadObject;
  /** The workload's Services (see servicesOf) and the Ingresses routing to them. */
  services?: Service[];
  ingresses?: Ingress[];
  hpa?: HorizontalPodAutoscaler;
  /** PVCs Pier made for this workload's StorageClass volumes (label pier.io/workload). */
  claims?: PersistentVolumeClaim[];
  nodes?: NodeAddresses;
}

export const WORKLOAD_KINDS: readonly WorkloadType[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

function networkFromKube(spec: PodSpec): Network | undefined {
  const n: Network = {};
  if (spec.hostNetwork) n.host_network = true;
  if (spec.dnsPolicy === 'ClusterFirstWithHostNet') n.dns_policy = 'ClusterFirstWithHostNet';
  if (spec.hostAliases?.length) n.host_aliases = spec.hostAliases.map((a) => ({ ip: a.ip ?? '', hostnames: (a.hostnames ?? []).join(',') }));
  return Object.keys(n).length ? n : undefined;
}

/** Services in the order the access modes made them: `<name>`, `<name>-2`, ..., then any others by name. */
function serviceOrder(workload: string, s: Service): [number, string] {
  const n = s.metadata?.name ?? '';
  if (n === workload) return [0, n];
  const m = new RegExp(`^${workload}-([0-9]+)$`).exec(n);
  return m ? [Number(m[1]) - 1, n] : [Number.MAX_SAFE_INTEGER, n];
}

/**
 * Kubernetes objects → the ECNS workload, for workloads Pier made and for
 * ones made any other way. Fields the apiserver defaults read the same with
 * or without the default (a default value reads as absent).
 */
export function workloadFromKube(v: KubeView): Workload {
  const o = v.workload;
  const type = o.kind as WorkloadType;
  const meta = o.metadata ?? {};
  const name = meta.name ?? '';
  const spec = o.spec!;
  const pod = spec.template.spec ?? { containers: [] };
  const recorded = parseJsonAnnotation<Record<string, ContainerMeta>>(meta.annotations, CONTAINERS_ANNOTATION);
  // With Pier's annotation, a container without an entry has no ECNS-only fields (not the pod's pull secret).
  const metaOf = (name: string) => recorded?.[name] ?? (recorded ? {} : undefined);
  const podLevel = { hostPID: pod.hostPID, hostIPC: pod.hostIPC, imagePullSecrets: pod.imagePullSecrets };
  const containers = [
    ...(pod.initContainers ?? []).map((c) => containerFromKube(c, 'init', podLevel, metaOf(c.name))),
    ...pod.containers.map((c) => containerFromKube(c, 'worker', podLevel, metaOf(c.name))),
  ];
  const mountPaths = new Map<string, string>();
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) for (const m of c.volumeMounts ?? []) if (!mountPaths.has(m.name)) mountPaths.set(m.name, m.mountPath);
  const claimTemplates = type === 'StatefulSet' ? (spec as NonNullable<Extract<WorkloadObject, { kind?: string }>['spec']> & { volumeClaimTemplates?: PersistentVolumeClaim[] }).volumeClaimTemplates : undefined;
  const volumes = volumesFromKube(pod.volumes, claimTemplates, v.claims ?? [], mountPaths);

  const w: Workload = {
    workload_base: { name, type, ...(type !== 'DaemonSet' ? { replicas: (spec as { replicas?: number }).replicas ?? 1 } : {}) },
    containers,
  };
  const app = meta.labels?.[APPLICATION_LABEL];
  if (app) w.application_name = app;
  const appType = meta.annotations?.[APPLICATION_TYPE_ANNOTATION];
  if (appType === 'Normal' || appType === 'Hybrid') w.application_type = appType;
  const labels = userLabels(meta.labels);
  if (Object.keys(labels).length) w.labels = labels;
  const hybrid = parseJsonAnnotation<Pick<Workload, 'security_groups' | 'vm_access' | 'vm_network'>>(meta.annotations, HYBRID_ANNOTATION);
  if (hybrid?.security_groups) w.security_groups = hybrid.security_groups;
  if (hybrid?.vm_access) w.vm_access = hybrid.vm_access;
  if (hybrid?.vm_network) w.vm_network = hybrid.vm_network;
  const services = [...(v.services ?? [])].sort((a, b) => {
    const [ia, na] = serviceOrder(name, a);
    const [ib, nb] = serviceOrder(name, b);
    return ia - ib || na.localeCompare(nb);
  });
  if (services.length) w.access_mode = services.map((s) => accessModeFromKube(s, v.ingresses ?? [], v.nodes));
  if (pod.runtimeClassName) w.runtime_class_name = pod.runtimeClassName;
  if (volumes.length) w.volumes = volumes;
  const update = updateStrategyFromKube(type, spec as Parameters<typeof updateStrategyFromKube>[1], meta.annotations?.[UPDATE_TYPE_ANNOTATION]);
  if (update) w.update_strategy = update;
  if (v.hpa) w.scale_strategy = scaleStrategyFromKube(v.hpa);
  const scheduling = schedulingFromKube(pod);
  if (scheduling.length) w.scheduler_strategy = scheduling;
  const network = networkFromKube(pod);
  if (network) w.network = network;
  return w;
}

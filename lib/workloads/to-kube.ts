import type { Container as KContainer, LocalObjectReference, PodSpec } from 'kubernetes-types/core/v1';
import type { Workload } from '@/lib/dialects/ecns/workloads';
import { splitHostnames } from '@/lib/dialects/ecns/workloads';
import { accessModeToKube } from './access';
import type { KubeBundle, WorkloadObject } from './bundle';
import { containerMetaOf, containerToKube, type ContainerMeta } from './containers';
import {
  APPLICATION_LABEL, APPLICATION_TYPE_ANNOTATION, CONTAINERS_ANNOTATION, HYBRID_ANNOTATION, UPDATE_TYPE_ANNOTATION, WORKLOAD_LABEL,
} from './labels';
import { schedulingToKube } from './scheduling';
import { scaleStrategyToKube, updateStrategyToKube } from './strategy';
import { volumesToKube } from './volumes';

export interface ToKubeOptions {
  namespace: string;
  /** The live workload, when changing one: its containers' fields ECNS does not describe are kept. */
  live?: WorkloadObject;
}

/** The labels that tie pods to a workload Pier made: its selector and pod template labels. */
export const selectorFor = (name: string): Record<string, string> => ({ [WORKLOAD_LABEL]: name });

/** The pod spec of an ECNS workload. */
export function podSpecOf(w: Workload, live?: PodSpec): PodSpec {
  const name = w.workload_base.name;
  const vols = volumesToKube(name, w.workload_base.type, w.volumes);
  const liveContainers = new Map<string, KContainer>([...(live?.containers ?? []), ...(live?.initContainers ?? [])].map((c) => [c.name, c]));
  const containers = w.containers.map((c) => ({ ecns: c, kube: containerToKube(c, liveContainers.get(c.name)) }));
  // A ConfigMap/Secret volume no container mounts is mounted at its `path` in every worker container.
  const mounted = new Set(w.containers.flatMap((c) => (c.volume_mounts ?? []).map((m) => m.volume_name)));
  for (const v of w.volumes ?? []) {
    const cfg = v.type === 'ConfigMap' ? v.configmap : v.type === 'Secret' ? v.secret : undefined;
    if (!cfg || mounted.has(v.name)) continue;
    for (const c of containers) {
      if (c.ecns.type === 'worker') c.kube.volumeMounts = [...(c.kube.volumeMounts ?? []), { name: v.name, mountPath: cfg.path, readOnly: true }];
    }
  }
  const spec: PodSpec = { containers: containers.filter((c) => c.ecns.type === 'worker').map((c) => c.kube) };
  const init = containers.filter((c) => c.ecns.type === 'init').map((c) => c.kube);
  if (init.length) spec.initContainers = init;
  if (vols.volumes.length) spec.volumes = vols.volumes;
  const secrets = [...new Set(w.containers.map((c) => c.image.image_secret).filter((s): s is string => !!s))];
  if (secrets.length) spec.imagePullSecrets = secrets.map((n): LocalObjectReference => ({ name: n }));
  if (w.containers.some((c) => c.security?.host_pid)) spec.hostPID = true;
  if (w.containers.some((c) => c.security?.host_ipc)) spec.hostIPC = true;
  if (w.runtime_class_name) spec.runtimeClassName = w.runtime_class_name;
  if (w.network?.host_network) spec.hostNetwork = true;
  if (w.network?.dns_policy) spec.dnsPolicy = w.network.dns_policy;
  if (w.network?.host_aliases?.length) spec.hostAliases = w.network.host_aliases.map((a) => ({ ip: a.ip, hostnames: splitHostnames(a.hostnames) }));
  Object.assign(spec, schedulingToKube(w.scheduler_strategy));
  return spec;
}

/** The workload object's own labels and annotations (ECNS-only fields included). */
export function metadataOf(w: Workload, namespace: string): NonNullable<WorkloadObject['metadata']> {
  const name = w.workload_base.name;
  const labels: Record<string, string> = { ...(w.labels ?? {}), [WORKLOAD_LABEL]: name };
  if (w.application_name) labels[APPLICATION_LABEL] = w.application_name;
  const annotations: Record<string, string> = {};
  if (w.application_type) annotations[APPLICATION_TYPE_ANNOTATION] = w.application_type;
  const meta: Record<string, ContainerMeta> = {};
  for (const c of w.containers) {
    const m = containerMetaOf(c);
    if (m) meta[c.name] = m;
  }
  if (Object.keys(meta).length) annotations[CONTAINERS_ANNOTATION] = JSON.stringify(meta);
  const hybrid = Object.fromEntries(Object.entries({ security_groups: w.security_groups, vm_access: w.vm_access, vm_network: w.vm_network }).filter(([, v]) => v !== undefined && v !== null));
  if (Object.keys(hybrid).length) annotations[HYBRID_ANNOTATION] = JSON.stringify(hybrid);
  if (w.update_strategy) annotations[UPDATE_TYPE_ANNOTATION] = w.update_strategy.type ?? 'rolling_update';
  return { name, namespace, labels, ...(Object.keys(annotations).length ? { annotations } : {}) };
}

/** An ECNS workload → the Kubernetes objects that make it. Pure; the caller creates them. */
export function workloadToKube(w: Workload, opts: ToKubeOptions): KubeBundle {
  const { namespace } = opts;
  const name = w.workload_base.name;
  const type = w.workload_base.type;
  const selector = selectorFor(name);
  const template = { metadata: { labels: { ...selector } }, spec: podSpecOf(w, opts.live?.spec?.template.spec) };
  const strategy = updateStrategyToKube(type, w.update_strategy);
  const metadata = metadataOf(w, namespace);
  const access = (w.access_mode ?? []).map((m, i) => accessModeToKube(name, selector, m, i));
  let workload: WorkloadObject;
  if (type === 'Deployment') {
    workload = { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { replicas: w.workload_base.replicas, selector: { matchLabels: selector }, template, ...strategy } } as WorkloadObject;
  } else if (type === 'StatefulSet') {
    const claimTemplates = volumesToKube(name, type, w.volumes).claimTemplates;
    workload = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata,
      spec: {
        replicas: w.workload_base.replicas, selector: { matchLabels: selector }, template,
        serviceName: access[0]?.service.metadata?.name ?? name,
        ...(claimTemplates.length ? { volumeClaimTemplates: claimTemplates } : {}),
        ...strategy,
      },
    } as WorkloadObject;
  } else {
    workload = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: { selector: { matchLabels: selector }, template, ...strategy } } as WorkloadObject;
  }
  const inNs = <T extends { metadata?: { namespace?: string } }>(o: T): T => ({ ...o, metadata: { ...o.metadata, namespace } });
  return {
    workload,
    services: access.map((a) => inNs(a.service)),
    ingresses: access.flatMap((a) => (a.ingress ? [inNs(a.ingress)] : [])),
    ...(w.scale_strategy ? { hpa: inNs(scaleStrategyToKube(name, type, w.scale_strategy)) } : {}),
    claims: volumesToKube(name, type, w.volumes).claims.map(inNs),
  };
}

import type { Pod } from 'kubernetes-types/core/v1';
import type { AccessMode, PodStatus, WorkloadBase } from '@/lib/dialects/ecns/workloads';
import type { WorkloadObject } from './bundle';
import { APPLICATION_LABEL } from './labels';

/** ECNS workload_status (1.2). `status` adds `Stopped` (no replicas wanted) to the seed's list. */
export interface WorkloadStatus {
  workload_base: WorkloadBase;
  owner: string;
  status: 'Running' | 'Failed' | 'Pending' | 'Unknown' | 'Succeed' | 'Removing' | 'Stopped';
  images: string[];
  access_mode: AccessMode[];
  ready_replicas: number;
  available_replicas: number;
  unavailable_replicas: number;
  creation_time: string;
}

type Counts = { desired: number; ready: number; available: number; updated: number; observed: boolean };

function counts(o: WorkloadObject): Counts {
  const s = (o.status ?? {}) as Record<string, number | undefined>;
  const observed = (o.status as { observedGeneration?: number } | undefined)?.observedGeneration === undefined
    || ((o.status as { observedGeneration?: number }).observedGeneration ?? 0) >= (o.metadata?.generation ?? 0);
  if (o.kind === 'DaemonSet') {
    return { desired: s.desiredNumberScheduled ?? 0, ready: s.numberReady ?? 0, available: s.numberAvailable ?? 0, updated: s.updatedNumberScheduled ?? 0, observed };
  }
  const desired = (o.spec as { replicas?: number }).replicas ?? 1;
  return { desired, ready: s.readyReplicas ?? 0, available: s.availableReplicas ?? 0, updated: s.updatedReplicas ?? 0, observed };
}

export function workloadState(o: WorkloadObject): WorkloadStatus['status'] {
  if (o.metadata?.deletionTimestamp) return 'Removing';
  const c = counts(o);
  const conditions = ((o.status as { conditions?: Array<{ type: string; status: string; reason?: string }> })?.conditions) ?? [];
  if (conditions.some((x) => (x.type === 'Progressing' && x.status === 'False') || (x.type === 'ReplicaFailure' && x.status === 'True'))) return 'Failed';
  if (o.kind !== 'DaemonSet' && c.desired === 0) return 'Stopped';
  if (c.observed && c.ready >= c.desired && c.updated >= c.desired && c.desired > 0) return 'Running';
  if (o.kind === 'DaemonSet' && c.desired === 0 && c.observed) return 'Stopped';
  return 'Pending';
}

export function workloadStatusOf(o: WorkloadObject, base: WorkloadBase, access: AccessMode[]): WorkloadStatus {
  const c = counts(o);
  const pod = o.spec?.template.spec;
  return {
    workload_base: base,
    owner: o.metadata?.labels?.[APPLICATION_LABEL] ?? '',
    status: workloadState(o),
    images: [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])].map((x) => x.image ?? ''),
    access_mode: access,
    ready_replicas: c.ready,
    available_replicas: c.available,
    unavailable_replicas: Math.max(0, c.desired - c.available),
    creation_time: o.metadata?.creationTimestamp ?? '',
  };
}

/** A pod's status word as kubectl's STATUS column shows it: Terminating, a waiting reason (ImagePullBackOff, CrashLoopBackOff), else the phase. */
export function podState(p: Pod): string {
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
    const reason = cs.state?.waiting?.reason;
    if (reason && reason !== 'ContainerCreating' && reason !== 'PodInitializing') return reason;
  }
  return p.status?.phase ?? 'Unknown';
}

export function podStatusOf(p: Pod): PodStatus {
  return {
    name: p.metadata?.name ?? '',
    status: podState(p),
    pod_ip: p.status?.podIP ?? '',
    host_ip: p.status?.hostIP ?? '',
    node_name: p.spec?.nodeName ?? '',
    restart_count: (p.status?.containerStatuses ?? []).reduce((n, cs) => n + (cs.restartCount ?? 0), 0),
    creation_time: p.metadata?.creationTimestamp ?? '',
  };
}

/** container_statuses (Running, Waiting, Terminated, Error) of one container, from the workload's newest pod. */
export function containerState(pods: Pod[], container: string): string | undefined {
  const newest = [...pods].sort((a, b) => String(b.metadata?.creationTimestamp).localeCompare(String(a.metadata?.creationTimestamp)))[0];
  const cs = [...(newest?.status?.containerStatuses ?? []), ...(newest?.status?.initContainerStatuses ?? [])].find((x) => x.name === container);
  if (!cs?.state) return undefined;
  if (cs.state.running) return 'Running';
  if (cs.state.waiting) return 'Waiting';
  if (cs.state.terminated) return cs.state.terminated.exitCode === 0 ? 'Terminated' : 'Error';
  return undefined;
}

'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PatchActionName } from '@/lib/dialects/ecns/workloads-requests';
import type { AccessMode, Container, Network, PodStatus, ScaleStrategy, SchedulerStrategy, UpdateStrategy, Workload, WorkloadType } from '@/lib/dialects/ecns/workloads';
import type { WorkloadStatus } from '@/lib/workloads/status';
import type { NamespaceChoice } from './use-workloads-namespace';
import { ecnsApi, ecnsText, query } from './use-workloads-api';

export type { WorkloadType, WorkloadStatus, PodStatus };

/** A workload as the list and detail answer it. */
export type WorkloadView = Omit<Workload, 'workload_status' | 'Pods_status' | 'containers'> & {
  containers: Array<Container & { container_statuses?: string }>;
  workload_status: WorkloadStatus;
  Pods_status?: PodStatus[];
};
export interface Condition { status: string; type: string; reason?: string; message?: string; update_time: string }
export interface EventView { type: string; reason?: string; message?: string; update_time: string }
export interface RevisionView { version: number; image: Array<{ image: string; image_version: string }>; creation_time: string }
export interface WorkloadDetail { conditions: Condition[]; events: EventView[]; revisions: RevisionView[]; workload: WorkloadView }
export interface WorkloadPage { workloads: WorkloadView[]; total: number; page: number; page_size: number }
export interface WorkloadRef { name: string; type: WorkloadType }

const where = (ns: NamespaceChoice | null) => (ns ? `${ns.cluster}/${ns.namespace}` : '');

export const workloadKeys = {
  all: ['workloads'] as const,
  list: (ns: string, q: object) => [...workloadKeys.all, ns, 'list', q] as const,
  one: (ns: string, type: WorkloadType, name: string) => [...workloadKeys.all, ns, 'one', type, name] as const,
  revisionYaml: (ns: string, type: WorkloadType, name: string, version: number) => [...workloadKeys.one(ns, type, name), 'revision', version] as const,
  raw: (ns: string, type: WorkloadType, name: string) => [...workloadKeys.one(ns, type, name), 'raw'] as const,
};

const one = (w: WorkloadRef) => `/workloads/workload/${encodeURIComponent(w.name)}/`;

/**
 * Whether a workload is still moving: pods being made, replaced or removed.
 * While it is, its page and the list poll (see docs/workloads.md "Pages").
 */
export function isSettled(w: WorkloadView): boolean {
  const s = w.workload_status;
  if (s.status === 'Pending' || s.status === 'Removing' || s.status === 'Unknown') return false;
  if (s.status === 'Stopped') return (w.Pods_status ?? []).length === 0;
  return (w.Pods_status ?? []).every((p) => p.status === 'Running') && s.unavailable_replicas === 0;
}

export const POLL_MS = 2000;

export function useWorkloadList(ns: NamespaceChoice | null, q: { page: number; pageSize: number; type?: WorkloadType }, enabled: boolean) {
  return useQuery({
    queryKey: workloadKeys.list(where(ns), q),
    queryFn: () => ecnsApi<WorkloadPage>('GET', `/workloads/${query({ page: q.page, page_size: q.pageSize, workload_type: q.type })}`),
    enabled: enabled && !!ns,
    placeholderData: keepPreviousData,
    refetchInterval: (qr) => (qr.state.data?.workloads.some((w) => w.workload_status.status === 'Pending' || w.workload_status.status === 'Removing') ? POLL_MS : false),
  });
}

export function useWorkload(ns: NamespaceChoice | null, ref: WorkloadRef, enabled: boolean) {
  return useQuery({
    queryKey: workloadKeys.one(where(ns), ref.type, ref.name),
    queryFn: () => ecnsApi<WorkloadDetail>('GET', `${one(ref)}${query({ workload_type: ref.type })}`),
    enabled: enabled && !!ns,
    refetchInterval: (qr) => (qr.state.data && !isSettled(qr.state.data.workload) ? POLL_MS : false),
  });
}

export function useRevisionYaml(ns: NamespaceChoice | null, ref: WorkloadRef, version: number | null) {
  return useQuery({
    queryKey: workloadKeys.revisionYaml(where(ns), ref.type, ref.name, version ?? 0),
    queryFn: () => ecnsText(`/workloads/workload/${encodeURIComponent(ref.name)}/revision/${version}/yaml/${query({ workload_type: ref.type })}`),
    enabled: !!ns && version !== null,
    staleTime: Infinity,
  });
}

/** The live object as YAML (`GET /_raw/<Kind>/name/<name>/`). */
export function useWorkloadYaml(ns: NamespaceChoice | null, ref: WorkloadRef, enabled: boolean) {
  return useQuery({
    queryKey: workloadKeys.raw(where(ns), ref.type, ref.name),
    queryFn: () => ecnsText(raw(ref)),
    enabled: enabled && !!ns,
  });
}

/** The cache key of a workload's live YAML, for a caller that already holds the newer text (a save's answer). */
export const workloadYamlKey = (ns: NamespaceChoice | null, ref: WorkloadRef) => workloadKeys.raw(where(ns), ref.type, ref.name);

const raw = (ref: WorkloadRef) => `/_raw/${ref.type}/name/${encodeURIComponent(ref.name)}/`;

export interface YamlItem { name: string; kind: string; yaml: string; reason: string }

/** Replaces the live object with edited YAML; what the cluster refuses comes back in `failed` with its reason. */
export function usePutWorkloadYaml(ref: WorkloadRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (yaml: string) => ecnsApi<{ succeed: YamlItem[]; failed: YamlItem[] }>('PUT', raw(ref), { yaml }),
    // Not awaited: the caller says "Applied." as soon as the cluster took the edit, while every workload
    // query refetches (each cached read may wait up to 5 s for the watch to show the write: own-writes.ts).
    onSuccess: () => void qc.invalidateQueries({ queryKey: workloadKeys.all }),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: workloadKeys.all });
}

export type Lifecycle = 'start' | 'stop' | 'recreate';

/** start / stop / recreate of many workloads at once. */
export function useWorkloadsLifecycle() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ action, refs }: { action: Lifecycle; refs: WorkloadRef[] }) => ecnsApi<unknown>('PUT', `/workloads/${query({ action })}`, { workloads_base: refs }),
    onSettled: invalidate,
  });
}

export function useDeleteWorkloads() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ refs, deleteService }: { refs: WorkloadRef[]; deleteService: boolean }) =>
      ecnsApi<void>('DELETE', '/workloads/', { workloads_base: refs, delete_service: deleteService }),
    onSettled: invalidate,
  });
}

/** The body each PATCH action takes (docs/api/ecns.md). */
export interface PatchBodies {
  scale: { replicas: number };
  access_modes: { access_modes: AccessMode[] };
  containers: { containers: Container[] };
  update_strategy: { update_strategy: UpdateStrategy };
  rollback: { target_version: number };
  scale_strategy: { scale_strategy: ScaleStrategy | null };
  scheduler_strategy: { scheduler_strategy: SchedulerStrategy[] };
  network: { network: Network };
  labels: { labels: Record<string, string> };
}

export function usePatchWorkload<A extends PatchActionName>(ref: WorkloadRef, action: A) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: PatchBodies[A]) => ecnsApi<{ workload: WorkloadView }>('PATCH', `${one(ref)}${query({ action, workload_type: ref.type })}`, body),
    // Not awaited: the change is made when the server answers, so the form says
    // so at once; the page's data follows when its refetch lands (seconds on a
    // busy server, with the workload's pods, events and revisions to read).
    onSuccess: () => void invalidate(),
  });
}

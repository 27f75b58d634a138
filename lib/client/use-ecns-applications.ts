'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkloadStatus } from '@/lib/workloads/status';
import type { NamespaceChoice } from './use-workloads-namespace';
import { workloadKeys } from './use-workloads';
import { ecnsApi, query } from './use-workloads-api';
import { refreshAfterChange } from './refresh';

export type ApplicationState = 'No workload' | 'Stopped' | 'Unready' | 'Running' | 'Processing';

/** application_info (ECNS 1.2). */
export interface ApplicationInfo {
  application: { name: string; description: string; type: 'Normal' | 'Hybrid' };
  application_status: { creation_time: string; status: ApplicationState };
  workloads_status: WorkloadStatus[];
}
export interface ApplicationPage { applications_info: ApplicationInfo[]; total: number; page: number; page_size: number }

/** DELETE's `resource`: what goes with the applications (none: their workloads stay, detached). */
export type Cascade = '' | 'workload' | 'workload,service' | 'all';

const where = (ns: NamespaceChoice | null) => (ns ? `${ns.cluster}/${ns.namespace}` : '');

export const applicationKeys = {
  all: ['ecns-applications'] as const,
  list: (ns: string, q: object) => [...applicationKeys.all, ns, 'list', q] as const,
  one: (ns: string, name: string) => [...applicationKeys.all, ns, 'one', name] as const,
};

const moving = (a: ApplicationInfo) => a.application_status.status === 'Processing' || a.application_status.status === 'Unready';
const POLL_MS = 2000;

export function useApplications(ns: NamespaceChoice | null, q: { page: number; pageSize: number }, enabled: boolean) {
  return useQuery({
    queryKey: applicationKeys.list(where(ns), q),
    queryFn: () => ecnsApi<ApplicationPage>('GET', `/applications/${query({ type: 'Normal', page: q.page, page_size: q.pageSize })}`),
    enabled: enabled && !!ns,
    placeholderData: keepPreviousData,
    refetchInterval: (qr) => (qr.state.data?.applications_info.some((a) => a.application_status.status === 'Processing') ? POLL_MS : false),
  });
}

export function useApplication(ns: NamespaceChoice | null, name: string, enabled: boolean) {
  return useQuery({
    queryKey: applicationKeys.one(where(ns), name),
    queryFn: () => ecnsApi<{ application_info: ApplicationInfo }>('GET', `/applications/app/${encodeURIComponent(name)}/${query({ type: 'Normal' })}`).then((r) => r.application_info),
    enabled: enabled && !!ns,
    refetchInterval: (qr) => (qr.state.data && moving(qr.state.data) ? POLL_MS : false),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => refreshAfterChange(qc, { queryKey: applicationKeys.all }, { queryKey: workloadKeys.all });
}

export function useApplicationsAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ action, names }: { action: 'start' | 'recreate'; names: string[] }) =>
      ecnsApi<unknown>('PUT', `/applications/app/${query({ action })}`, { applications: names.map((name) => ({ name })) }),
    onSettled: invalidate,
  });
}

export function useDeleteApplications() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ names, cascade }: { names: string[]; cascade: Cascade }) =>
      ecnsApi<void>('DELETE', `/applications/app/${query({ resource: cascade })}`, { applications: names.map((name) => ({ name })) }),
    onSettled: invalidate,
  });
}

export function useEditApplication(name: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (description: string) => ecnsApi<unknown>('PUT', `/applications/${encodeURIComponent(name)}/`, { name, description }),
    onSuccess: invalidate,
  });
}

'use client';

/** The console's client for its deploy API (`/api/pier/deploy/**`): deployments, their requests, the audit queue. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClusterPods } from '@/lib/deploy/live';
import type { DeploymentPage } from '@/lib/deploy/page';
import type { BulkResult } from '@/lib/deploy/queue';
import type { RequestDiff } from '@/lib/deploy/request-diff';
import type { DeploymentView, RequestView } from '@/lib/deploy/list';
import { api, get, qs } from './api';

/** Dates arrive as strings over JSON. */
type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type DeploymentRow = Wire<DeploymentView> & { editable: boolean };
export type RequestRow = Wire<RequestView>;
export type DeploymentDetail = Omit<DeploymentPage, 'deployment' | 'requests' | 'versions'> & {
  deployment: Wire<DeploymentView> & { history: string[]; editable: boolean };
  requests: RequestRow[];
  versions: { version: string; image: string | null; createdAt: string }[];
};
export type { ClusterPods, RequestDiff, BulkResult };
export type ChangePreview = Omit<RequestDiff, 'id'>;

export interface RequestFilters {
  status: 'pending' | 'decided' | number;
  page?: number;
  pageSize?: number;
  businessName?: string;
  appName?: string;
}

export const deployKeys = {
  all: ['deploy'] as const,
  deployments: (page: number, appName: string) => [...deployKeys.all, 'deployments', page, appName] as const,
  deployment: (id: number) => [...deployKeys.all, 'deployment', id] as const,
  pods: (id: number) => [...deployKeys.all, 'pods', id] as const,
  preview: (id: number, version: string | null) => [...deployKeys.all, 'preview', id, version] as const,
  requests: (f: RequestFilters) => [...deployKeys.all, 'requests', f] as const,
  request: (id: number) => [...deployKeys.all, 'request', id] as const,
  pending: () => [...deployKeys.all, 'pending'] as const,
};

/** While something is rolling out, lists and pages poll; settled, they stop. */
const LIVE_MS = 3000;
const isOpen = (status: number) => status >= 0 && status !== 2 && status <= 4;

export function useDeployments(page: number, appName: string, pageSize = 20) {
  return useQuery({
    queryKey: deployKeys.deployments(page, appName),
    queryFn: () => get<{ items: DeploymentRow[]; total: number }>(`/deploy/deployments${qs({ page, pageSize, appName })}`),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((d) => isOpen(d.status)) ? LIVE_MS : 15_000),
  });
}

export function useDeployment(id: number) {
  return useQuery({
    queryKey: deployKeys.deployment(id),
    queryFn: () => get<DeploymentDetail>(`/deploy/deployments/${id}`),
    refetchInterval: (q) => (q.state.data && isOpen(q.state.data.deployment.status) ? LIVE_MS : 15_000),
  });
}

export function useDeploymentPods(id: number, enabled: boolean, fast: boolean) {
  return useQuery({
    queryKey: deployKeys.pods(id),
    queryFn: () => get<{ clusters: ClusterPods[] }>(`/deploy/deployments/${id}/pods`).then((r) => r.clusters),
    enabled,
    refetchInterval: fast ? LIVE_MS : 10_000,
  });
}

/** `version` null: what removal would change. */
export function usePreview(id: number, version: string | null, enabled: boolean) {
  return useQuery({
    queryKey: deployKeys.preview(id, version),
    queryFn: () => get<ChangePreview>(`/deploy/deployments/${id}/preview${qs({ version })}`),
    enabled,
  });
}

export function useRequests(f: RequestFilters) {
  return useQuery({
    queryKey: deployKeys.requests(f),
    queryFn: () => get<{ items: RequestRow[]; total: number }>(`/deploy/requests${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    refetchInterval: f.status === 'pending' ? 10_000 : false,
  });
}

export function useRequest(id: number) {
  return useQuery({
    queryKey: deployKeys.request(id),
    queryFn: () => get<{ request: RequestRow; diff: RequestDiff }>(`/deploy/requests/${id}`),
  });
}

/** The navigation's badge: polled every 30 s and on window focus; only asked for administrators. */
export function usePendingCount(enabled: boolean) {
  return useQuery({
    queryKey: deployKeys.pending(),
    queryFn: () => get<{ count: number }>('/deploy/requests/pending').then((r) => r.count),
    enabled,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
}

function useDeployMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: deployKeys.all }) });
}

export interface NewDeploymentInput {
  deployName: string;
  appName: string;
  version: string;
  cluster: string;
  nodeLabel: string;
  comment: string;
  projectName?: string;
}

type Answer = { id: number; requestId: number; status: number };

export const useRequestDeployment = () => useDeployMutation((b: NewDeploymentInput) => api<Answer>('POST', '/deploy/deployments', b));
export const useRequestChange = (id: number) =>
  useDeployMutation((b: { kind: 'upgrade' | 'rollback'; version: string; comment: string }) =>
    api<Answer>('POST', `/deploy/deployments/${id}/${b.kind}`, { version: b.version, comment: b.comment }));
export const useRequestDelete = (id: number) => useDeployMutation((b: { comment: string }) => api<Answer>('DELETE', `/deploy/deployments/${id}`, b));
export const useDecide = (id: number) =>
  useDeployMutation((b: { status: 1 | 2; comment: string }) => api<{ id: number; status: number; comment: string }>('POST', `/deploy/requests/${id}`, b));
export const useApproveMany = () =>
  useDeployMutation((b: { ids: number[]; comment: string }) => api<{ results: BulkResult[] }>('POST', '/deploy/requests/approve', b).then((r) => r.results));

export type { DeployOptions } from '@/lib/deploy/page';

export function useDeployOptions(project: string | undefined) {
  return useQuery({
    queryKey: [...deployKeys.all, 'options', project ?? ''] as const,
    queryFn: () => get<import('@/lib/deploy/page').DeployOptions>(`/deploy/options${qs({ project })}`),
  });
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClusterConnection, ClusterRegister, ClusterUpdate, ClusterView } from '@/lib/dialects/pier/clusters';
import { api, get } from './api';

export type { ClusterView, ClusterConnection };

export const clusterKeys = {
  all: ['clusters'] as const,
  list: () => [...clusterKeys.all, 'list'] as const,
  connection: (name: string) => [...clusterKeys.all, 'connection', name] as const,
};

export function useClusters() {
  return useQuery({ queryKey: clusterKeys.list(), queryFn: () => get<{ items: ClusterView[] }>('/clusters').then((r) => r.items) });
}

/** Version and node count of one cluster; a failure is data (ok: false), so each row shows its own state. */
export function useClusterConnection(name: string) {
  return useQuery({
    queryKey: clusterKeys.connection(name),
    queryFn: () => get<ClusterConnection>(`/clusters/${encodeURIComponent(name)}/connection`),
    staleTime: 30_000,
  });
}

/**
 * After a change: a list fetch already in flight (the page's first load, on a
 * cold server) may have read the table before the change, and react-query
 * joins a query that has no data yet to that fetch instead of starting another.
 * Cancel it, then fetch anew, so what the caller sees includes the change.
 */
async function refresh(qc: ReturnType<typeof useQueryClient>, queryKey: readonly string[]): Promise<void> {
  await qc.cancelQueries({ queryKey });
  await qc.invalidateQueries({ queryKey });
}

export function useRegisterCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ClusterRegister) => api<ClusterView>('POST', '/clusters', body),
    onSuccess: () => refresh(qc, clusterKeys.list()),
  });
}

export function useUpdateCluster(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ClusterUpdate) => api<ClusterView>('PATCH', `/clusters/${encodeURIComponent(name)}`, body),
    onSuccess: () => refresh(qc, clusterKeys.list()),
  });
}

export function useRemoveCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<void>('DELETE', `/clusters/${encodeURIComponent(name)}`),
    onSuccess: () => refresh(qc, clusterKeys.all),
  });
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClusterConnection, ClusterRegister, ClusterUpdate, ClusterView } from '@/lib/dialects/pier/clusters';
import { api, get } from './api';
import { refreshAfterChange } from './refresh';

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

export function useRegisterCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ClusterRegister) => api<ClusterView>('POST', '/clusters', body),
    onSuccess: () => refreshAfterChange(qc, { queryKey: clusterKeys.list() }),
  });
}

export function useUpdateCluster(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ClusterUpdate) => api<ClusterView>('PATCH', `/clusters/${encodeURIComponent(name)}`, body),
    onSuccess: () => refreshAfterChange(qc, { queryKey: clusterKeys.list() }),
  });
}

export function useRemoveCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<void>('DELETE', `/clusters/${encodeURIComponent(name)}`),
    onSuccess: () => refreshAfterChange(qc, { queryKey: clusterKeys.all }),
  });
}

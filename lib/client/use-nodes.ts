'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NodeDetail, NodeSummary } from '@/lib/cluster/nodes';
import { api, get } from './api';
import { refreshAfterChange } from './refresh';

export type { NodeDetail, NodeSummary };

export const nodeKeys = {
  all: (cluster: string) => ['nodes', cluster] as const,
  list: (cluster: string) => [...nodeKeys.all(cluster), 'list'] as const,
  detail: (cluster: string, node: string) => [...nodeKeys.all(cluster), 'detail', node] as const,
};

const base = (cluster: string) => `/clusters/${encodeURIComponent(cluster)}/nodes`;

/**
 * Served from Pier's watch-fed cache, so polling it is cheap; 5 s keeps status changes visible.
 * `enabled: false` for a page that shows the nodes only sometimes (the pod dashboard's node picker).
 */
export function useNodes(cluster: string, enabled = true) {
  return useQuery({
    queryKey: nodeKeys.list(cluster),
    queryFn: () => get<{ items: NodeSummary[]; stale: boolean }>(base(cluster)),
    // No cluster yet (a page still resolving it): nothing to ask ('/clusters//nodes' is a 404).
    enabled: enabled && cluster !== '',
    refetchInterval: 5000,
  });
}

export function useNode(cluster: string, node: string) {
  return useQuery({
    queryKey: nodeKeys.detail(cluster, node),
    queryFn: () => get<NodeDetail>(`${base(cluster)}/${encodeURIComponent(node)}`),
    refetchInterval: 5000,
  });
}

export function useMarkNodeReady(cluster: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ node, ready }: { node: string; ready: boolean }) =>
      api<{ name: string; ready: 'True' | 'False' }>('POST', `${base(cluster)}/${encodeURIComponent(node)}/readiness`, { ready }),
    onSuccess: () => refreshAfterChange(qc, { queryKey: nodeKeys.all(cluster) }),
  });
}

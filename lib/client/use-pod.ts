'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PodDetail } from '@/lib/pods-console/detail';
import { api, ApiError, get, qs } from './api';
import { podKeys, podsBase } from './use-pods';

export type { PodDetail };

const podPath = (cluster: string, namespace: string, name: string) => `${podsBase(cluster)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

/** A pod's page: polled every 5 s for its containers, conditions and events (the log has its own stream). */
export function usePod(cluster: string, namespace: string, name: string) {
  return useQuery({
    queryKey: podKeys.detail(cluster, namespace, name),
    queryFn: () => get<PodDetail>(podPath(cluster, namespace, name)),
    refetchInterval: (q) => (q.state.error instanceof ApiError && q.state.error.status === 404 ? false : 5000),
    retry: (n, err) => n < 2 && !(err instanceof ApiError && err.status === 404),
  });
}

export function useDeletePod(cluster: string, namespace: string, name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (force: boolean) => api<void>('DELETE', `${podPath(cluster, namespace, name)}${qs({ force: force ? 'true' : undefined })}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: podKeys.detail(cluster, namespace, name) }),
  });
}

export interface LogOptions {
  container: string;
  tailLines: number;
  timestamps: boolean;
  previous: boolean;
}

/** The log endpoint's URL; with follow the response stays open and grows. */
export function podLogUrl(cluster: string, namespace: string, name: string, o: LogOptions, follow: boolean): string {
  return `/api/pier${podPath(cluster, namespace, name)}/log${qs({
    container: o.container, tailLines: o.tailLines, timestamps: o.timestamps ? 'true' : undefined,
    previous: o.previous ? 'true' : undefined, follow: follow ? 'true' : undefined,
  })}`;
}

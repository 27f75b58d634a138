'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { applyPodMessages, mergePodPage, type HeldPods } from '@/lib/pods-console/apply';
import { FIRST_PAGE, NEXT_PAGE, type PodList, type PodQuery, type PodStreamMessage } from '@/lib/pods-console/schema';
import { get, qs } from './api';

export type { PodList, PodQuery, PodRow, PodCounts } from '@/lib/pods-console/schema';

export const podKeys = {
  all: (cluster: string) => ['pods', cluster] as const,
  scope: (cluster: string) => [...podKeys.all(cluster), 'scope'] as const,
  list: (cluster: string, q: PodQuery) => [...podKeys.all(cluster), 'list', q] as const,
  detail: (cluster: string, namespace: string, name: string) => [...podKeys.all(cluster), 'detail', namespace, name] as const,
};

export const podsBase = (cluster: string) => `/clusters/${encodeURIComponent(cluster)}/pods`;

export type PodScopeChoices = { namespaces: string[]; current: string | null };

/** `initial`: the server's answer rendered into the page (counts as fresh for the usual 30 s). */
export function usePodScopeChoices(cluster: string, initial?: PodScopeChoices, initialAt?: number) {
  return useQuery({
    queryKey: podKeys.scope(cluster),
    queryFn: () => get<PodScopeChoices>(`${podsBase(cluster)}/scope`),
    enabled: cluster !== '',
    staleTime: 30_000,
    initialData: initial,
    initialDataUpdatedAt: initial ? initialAt : undefined,
  });
}

export { FIRST_PAGE, NEXT_PAGE };

/**
 * The dashboard's rows: the first page (FIRST_PAGE rows), with the scope's
 * counts and the filtered total; usePodPages then brings the rest and the
 * stream (usePodStream) keeps them current, so no polling and no refetch on focus.
 */
export function usePods(cluster: string, q: PodQuery, enabled = true, initial?: PodList) {
  return useQuery({
    queryKey: podKeys.list(cluster, q),
    queryFn: () => get<HeldPods>(`${podsBase(cluster)}${qs({ ...q, limit: FIRST_PAGE })}`),
    // The first page as the server rendered it into the page (same query): no request before the first rows.
    initialData: initial,
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: (n, err) => n < 2 && !((err as { status?: number }).status! >= 400 && (err as { status?: number }).status! < 500),
  });
}

/**
 * The rest of the list after the first page, NEXT_PAGE rows at a time from
 * the last answer's cursor, merged into the same cache entry (mergePodPage:
 * the stream's newer rows and removals win). A page whose list was replaced
 * meanwhile (a filter changed, a RESYNC listed again) is dropped.
 */
export function usePodPages(cluster: string, q: PodQuery, next: string | null | undefined): void {
  const qc = useQueryClient();
  const key = JSON.stringify(q);
  useEffect(() => {
    if (!next) return;
    const query = JSON.parse(key) as PodQuery;
    const queryKey = podKeys.list(cluster, query);
    let cancelled = false;
    get<PodList>(`${podsBase(cluster)}${qs({ ...query, limit: NEXT_PAGE, after: next })}`)
      .then((page) => qc.setQueryData<HeldPods>(queryKey, (old) => (old && old.next === next ? mergePodPage(old, page) : old)))
      .catch(() => {
        // Refused or failed: list again from the start rather than show a list with a hole.
        if (!cancelled) setTimeout(() => void qc.invalidateQueries({ queryKey }), 2000);
      });
    return () => {
      cancelled = true;
    };
  }, [cluster, key, next, qc]);
}

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/** Messages are applied in batches: one cache write (and one render) per burst, not per pod. */
const FLUSH_MS = 150;

/**
 * Live updates of one list: an EventSource on the stream endpoint from the
 * list's resourceVersion, applied to the react-query cache as they come.
 * EventSource reconnects on its own after a drop, sending the last event
 * id (a resourceVersion) so nothing is missed; RESYNC (the cluster forgot
 * that version) and a refused stream make the list load again.
 */
export function usePodStream(cluster: string, q: PodQuery, resourceVersion: string | undefined): StreamState {
  const qc = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  const key = JSON.stringify(q);
  useEffect(() => {
    if (!resourceVersion) return;
    const query = JSON.parse(key) as PodQuery;
    const queryKey = podKeys.list(cluster, query);
    const es = new EventSource(`/api/pier${podsBase(cluster)}/stream${qs({ ...query, since: resourceVersion })}`);
    let batch: PodStreamMessage[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const b = batch;
      batch = [];
      qc.setQueryData<HeldPods>(queryKey, (old) => (old ? applyPodMessages(old, b) : old));
    };
    es.onopen = () => setState('live');
    es.onmessage = (e: MessageEvent<string>) => {
      const m = JSON.parse(e.data) as PodStreamMessage;
      if (m.type === 'RESYNC') {
        es.close();
        void qc.invalidateQueries({ queryKey });
        return;
      }
      batch.push(m);
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    es.onerror = () => {
      // CLOSED: the server refused the stream (not a drop); list again, which opens a new one.
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(() => void qc.invalidateQueries({ queryKey }), 2000);
      }
      setState('reconnecting');
    };
    return () => {
      es.close();
      clearTimeout(timer);
      setState('connecting');
    };
  }, [cluster, key, resourceVersion, qc]);
  return state;
}

'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCurrentProject } from './current-project';
import { ecnsApi } from './use-workloads-api';

/** One namespace the current project owns, and its cluster. */
export interface NamespaceChoice {
  cluster: string;
  namespace: string;
}

interface ProjectSelector {
  project_id: string;
  project_name: string;
  clusters: Array<{ cluster_name: string; namespaces: string[] }>;
}

const KEY = (projectId: string) => `pier.workloads.namespace.${projectId}`;
const listeners = new Set<() => void>();

function remembered(projectId: string | undefined): string | null {
  if (!projectId || typeof window === 'undefined') return null;
  return window.localStorage.getItem(KEY(projectId));
}

function remember(projectId: string, c: NamespaceChoice) {
  window.localStorage.setItem(KEY(projectId), `${c.cluster}/${c.namespace}`);
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export const namespaceKeys = {
  choices: ['ecns-namespaces'] as const,
  switched: (projectId: string, c: NamespaceChoice) => ['ecns-switch', projectId, c.cluster, c.namespace] as const,
};

/**
 * The namespace the workload pages work in. ECNS keeps a "current
 * namespace" per credential on the server; the console picks one of the
 * current project's namespaces (remembered in this browser per project, the
 * first one by default) and switches the session to it once per page load,
 * before any workload call (`ready`).
 */
export function useWorkloadsNamespace() {
  const { project, isLoading: projectLoading } = useCurrentProject();
  const choices = useQuery({
    queryKey: namespaceKeys.choices,
    queryFn: () => ecnsApi<ProjectSelector[]>('GET', '/namespace/'),
    staleTime: 60_000,
  });
  const options: NamespaceChoice[] = (choices.data?.find((p) => p.project_id === project?.id)?.clusters ?? [])
    .flatMap((c) => c.namespaces.map((namespace) => ({ cluster: c.cluster_name, namespace })));
  const saved = useSyncExternalStore(subscribe, () => remembered(project?.id), () => null);
  const current = options.find((o) => `${o.cluster}/${o.namespace}` === saved) ?? options[0] ?? null;
  const switched = useQuery({
    queryKey: current && project ? namespaceKeys.switched(project.id, current) : ['ecns-switch', 'none'],
    queryFn: () => ecnsApi<unknown>('GET', `/namespace/${encodeURIComponent(project!.id)}/cluster/${encodeURIComponent(current!.cluster)}/ns/${encodeURIComponent(current!.namespace)}/`).then(() => true),
    enabled: !!current && !!project,
    staleTime: Infinity,
    // Kept while a page uses it; once no page does (another project was chosen), a
    // return to this namespace must switch the server back.
    gcTime: 0,
  });
  const qc = useQueryClient();
  const choose = useCallback((c: NamespaceChoice) => {
    if (!project) return;
    // The server keeps one current namespace: an earlier switch back to this one no longer holds.
    qc.removeQueries({ queryKey: ['ecns-switch'] });
    remember(project.id, c);
  }, [project, qc]);
  return {
    project,
    options,
    current,
    choose,
    /** The session is in `current`: workload calls may go. */
    ready: !!current && switched.data === true,
    isLoading: projectLoading || choices.isPending || (!!current && switched.isPending),
    error: choices.error ?? switched.error,
    /** Loaded, and the project has no namespace to work in. */
    none: !projectLoading && !choices.isPending && !current,
  };
}

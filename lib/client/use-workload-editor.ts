'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parseAllDocuments } from 'yaml';
import type { Workload, WorkloadType } from '@/lib/dialects/ecns/workloads';
import type { NamespaceRefs } from '@/lib/cluster/namespace-refs';
import type { WorkloadObject } from '@/lib/workloads/bundle';
import type { PlannedAction } from '@/components/workloads/editor/edit-plan';
import { ApiError, get } from './api';
import { useCurrentProject } from './current-project';
import { ecnsCall, ecnsYaml } from './use-workload-editor-api';

export type { NamespaceRefs };

export interface NamespaceChoice {
  cluster: string;
  namespace: string;
}

interface ProjectSelector {
  project_id: string;
  clusters: Array<{ cluster_name: string; namespaces: string[] }>;
}

// The same key the workload list remembers its namespace under, so the editor opens where the list was.
const KEY = (projectId: string) => `pier.workloads.namespace.${projectId}`;
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const editorKeys = {
  all: ['workload-editor'] as const,
  choices: () => [...editorKeys.all, 'namespaces'] as const,
  switched: (projectId: string, c: NamespaceChoice) => [...editorKeys.all, 'switch', projectId, c.cluster, c.namespace] as const,
  refs: (c: NamespaceChoice) => [...editorKeys.all, 'refs', c.cluster, c.namespace] as const,
  live: (c: NamespaceChoice, type: string, name: string) => [...editorKeys.all, 'live', c.cluster, c.namespace, type, name] as const,
};

/**
 * The namespace the editor works in. ECNS keeps a current namespace per
 * credential on the server: the editor takes the one this browser last used
 * for the current project (else its first), and switches the session to it
 * before any workload call (`ready`).
 */
export function useEditorNamespace() {
  const { project, isLoading: projectLoading } = useCurrentProject();
  const choices = useQuery({ queryKey: editorKeys.choices(), queryFn: () => ecnsCall<ProjectSelector[]>('GET', '/namespace/'), staleTime: 60_000 });
  const options: NamespaceChoice[] = (choices.data?.find((p) => p.project_id === project?.id)?.clusters ?? [])
    .flatMap((c) => c.namespaces.map((namespace) => ({ cluster: c.cluster_name, namespace })));
  const saved = useSyncExternalStore(subscribe, () => (project ? window.localStorage.getItem(KEY(project.id)) : null), () => null);
  const current = options.find((o) => `${o.cluster}/${o.namespace}` === saved) ?? options[0] ?? null;
  const switched = useQuery({
    queryKey: current && project ? editorKeys.switched(project.id, current) : [...editorKeys.all, 'switch', 'none'],
    queryFn: () => ecnsCall('GET', `/namespace/${encodeURIComponent(project!.id)}/cluster/${encodeURIComponent(current!.cluster)}/ns/${encodeURIComponent(current!.namespace)}/`).then(() => true),
    enabled: !!current && !!project,
    staleTime: Infinity,
  });
  const qc = useQueryClient();
  const choose = useCallback((c: NamespaceChoice) => {
    if (!project) return;
    qc.removeQueries({ queryKey: [...editorKeys.all, 'switch'] });
    window.localStorage.setItem(KEY(project.id), `${c.cluster}/${c.namespace}`);
    for (const l of listeners) l();
  }, [project, qc]);
  return {
    options,
    current,
    choose,
    ready: !!current && switched.data === true,
    isLoading: projectLoading || choices.isPending || (!!current && switched.isPending),
    error: choices.error ?? switched.error,
    none: !projectLoading && !choices.isPending && !current,
  };
}

/** ConfigMaps, Secrets (key names) and PVCs of the namespace, for the pickers. */
export function useNamespaceRefs(c: NamespaceChoice | null) {
  return useQuery({
    queryKey: c ? editorKeys.refs(c) : [...editorKeys.all, 'refs', 'none'],
    queryFn: () => get<NamespaceRefs>(`/clusters/${encodeURIComponent(c!.cluster)}/namespaces/${encodeURIComponent(c!.namespace)}/refs`),
    enabled: !!c,
    staleTime: 15_000,
  });
}

export interface LiveWorkload {
  /** As the detail endpoint reads it (output-only fields included). */
  workload: Workload & Record<string, unknown>;
  /** The workload object itself, as the cluster has it. */
  object: WorkloadObject;
}

/** The workload being edited: its ECNS reading and the live object (for fields the form does not show and the diff). */
export function useLiveWorkload(c: NamespaceChoice | null, type: WorkloadType, name: string, ready: boolean) {
  return useQuery({
    queryKey: c ? editorKeys.live(c, type, name) : [...editorKeys.all, 'live', 'none'],
    queryFn: async (): Promise<LiveWorkload> => {
      const [detail, yaml] = await Promise.all([
        ecnsCall<{ workload: LiveWorkload['workload'] }>('GET', `/workloads/workload/${encodeURIComponent(name)}/?workload_type=${type}`),
        ecnsYaml(`/_raw/${type}/name/${encodeURIComponent(name)}/`),
      ]);
      if (yaml === null) throw new ApiError(404, 'not_found', `${type} ${name} not found`);
      return { workload: detail.workload, object: parseAllDocuments(yaml).map((d) => (d as { toJS(): unknown }).toJS())[0] as WorkloadObject };
    },
    enabled: !!c && ready,
    staleTime: 0,
  });
}

export function useCreateWorkload() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: Workload) => ecnsCall<{ workloads: Workload[] }>('POST', '/workloads/', { workloads: [w] }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['workloads'] }),
  });
}

/** Thrown when an edit stopped midway: which actions went through before the failing one. */
export class PartialEdit extends Error {
  constructor(readonly done: PlannedAction['action'][], readonly failed: PlannedAction['action'], readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** An edit: the plan's PATCH actions one after the other; the first refusal stops it (the earlier ones stay applied). */
export function useApplyEdit(type: WorkloadType, name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (plan: PlannedAction[]) => {
      const done: PlannedAction['action'][] = [];
      for (const p of plan) {
        try {
          await ecnsCall('PATCH', `/workloads/workload/${encodeURIComponent(name)}/?action=${p.action}&workload_type=${type}`, p.body);
        } catch (err) {
          throw new PartialEdit(done, p.action, err);
        }
        done.push(p.action);
      }
      return done;
    },
    onSettled: () => {
      qc.invalidateQueries({ queryKey: [...editorKeys.all, 'live'] });
      qc.invalidateQueries({ queryKey: ['workloads'] });
    },
  });
}

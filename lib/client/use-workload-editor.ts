'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parseAllDocuments } from 'yaml';
import type { Workload, WorkloadType } from '@/lib/dialects/ecns/workloads';
import type { NamespaceRefs } from '@/lib/cluster/namespace-refs';
import type { WorkloadObject } from '@/lib/workloads/bundle';
import type { PlannedAction } from '@/components/workloads/editor/edit-plan';
import { get } from './api';
import { workloadKeys } from './use-workloads';
import { ecnsApi, ecnsText } from './use-workloads-api';
import type { NamespaceChoice } from './use-workloads-namespace';

export type { NamespaceRefs, NamespaceChoice };

/** The workload pages' namespace (picked per project, the session switched to it): the editor works where the list was. */
export { useWorkloadsNamespace as useEditorNamespace } from './use-workloads-namespace';

export const editorKeys = {
  all: ['workload-editor'] as const,
  refs: (c: NamespaceChoice) => [...editorKeys.all, 'refs', c.cluster, c.namespace] as const,
  live: (c: NamespaceChoice, type: string, name: string) => [...editorKeys.all, 'live', c.cluster, c.namespace, type, name] as const,
};

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
        ecnsApi<{ workload: LiveWorkload['workload'] }>('GET', `/workloads/workload/${encodeURIComponent(name)}/?workload_type=${type}`),
        ecnsText(`/_raw/${type}/name/${encodeURIComponent(name)}/`),
      ]);
      return { workload: detail.workload, object: parseAllDocuments(yaml).map((d) => (d as { toJS(): unknown }).toJS())[0] as WorkloadObject };
    },
    enabled: !!c && ready,
    staleTime: 0,
  });
}

export function useCreateWorkload() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: Workload) => ecnsApi<{ workloads: Workload[] }>('POST', '/workloads/', { workloads: [w] }),
    onSuccess: () => qc.invalidateQueries({ queryKey: workloadKeys.all }),
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
          await ecnsApi('PATCH', `/workloads/workload/${encodeURIComponent(name)}/?action=${p.action}&workload_type=${type}`, p.body);
        } catch (err) {
          throw new PartialEdit(done, p.action, err);
        }
        done.push(p.action);
      }
      return done;
    },
    onSettled: () => {
      qc.invalidateQueries({ queryKey: [...editorKeys.all, 'live'] });
      qc.invalidateQueries({ queryKey: workloadKeys.all });
    },
  });
}

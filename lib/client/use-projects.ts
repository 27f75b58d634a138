'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectCreate, ProjectUpdate } from '@/lib/dialects/pier/org';
import { api, get, qs } from './api';
import { listKey, listParams, type ListParams, type Paged } from './paging';
import { userKeys } from './use-users';
import { refreshAfterChange } from './refresh';

export interface Project {
  id: string;
  name: string;
  description: string;
  departmentId: string;
  departmentName: string;
  createdAt: string;
}

export const projectKeys = {
  all: ['projects'] as const,
  list: (p: ListParams) => ['projects', 'list', listKey(p)] as const,
  one: (id: string) => ['projects', 'one', id] as const,
};

/** One page of what the caller may see; the API does the scoping. `keepPrevious` as in `useUsers`. */
export function useProjects(params: ListParams = {}, opts: { enabled?: boolean; keepPrevious?: boolean } = {}) {
  return useQuery({
    queryKey: projectKeys.list(params),
    queryFn: () => get<Paged<Project>>(`/projects${qs(listParams(params))}`),
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
    enabled: opts.enabled ?? true,
  });
}

/** One project by id, when the caller may see it (`enabled` false: not asked). */
export function useProject(id: string | null, enabled = true) {
  return useQuery({
    queryKey: projectKeys.one(id ?? ''),
    queryFn: () => get<Project>(`/projects/${id}`),
    enabled: enabled && !!id,
    retry: (n, err) => (err as { status?: number }).status !== 404 && n < 2,
  });
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectCreate) => api<Project>('POST', '/projects', body),
    onSuccess: () => refreshAfterChange(qc, { queryKey: projectKeys.all }),
  });
}

export function useUpdateProject(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectUpdate) => api<Project>('PATCH', `/projects/${id}`, body),
    onSuccess: () => refreshAfterChange(qc, { queryKey: projectKeys.all }),
  });
}

export function useDeleteProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/projects/${id}`),
    // Users list their projects, so both change.
    onSuccess: () => refreshAfterChange(qc, { queryKey: projectKeys.all }, { queryKey: userKeys.all }),
  });
}

/** Membership lives on users (their `projects`), so adding or removing refreshes users. */
export function useProjectMembership(projectId: string) {
  const qc = useQueryClient();
  const refresh = () => refreshAfterChange(qc, { queryKey: userKeys.all });
  const add = useMutation({
    mutationFn: (userId: string) => api<void>('POST', `/projects/${projectId}/members`, { userId }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api<void>('DELETE', `/projects/${projectId}/members/${userId}`),
    onSuccess: refresh,
  });
  return { add, remove };
}

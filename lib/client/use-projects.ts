'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectCreate, ProjectUpdate } from '@/lib/dialects/pier/org';
import { api, get, qs } from './api';
import { userKeys } from './use-users';

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
  list: (departmentId?: string) => ['projects', 'list', departmentId ?? ''] as const,
};

/** Only what the caller may see; the API does the scoping. */
export function useProjects(departmentId?: string) {
  return useQuery({
    queryKey: projectKeys.list(departmentId),
    queryFn: () => get<{ items: Project[] }>(`/projects${qs({ departmentId })}`).then((r) => r.items),
  });
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectCreate) => api<Project>('POST', '/projects', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

export function useUpdateProject(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectUpdate) => api<Project>('PATCH', `/projects/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

export function useDeleteProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/projects/${id}`),
    // Users list their projects, so both change.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: projectKeys.all }), qc.invalidateQueries({ queryKey: userKeys.all })]),
  });
}

/** Membership lives on users (their `projects`), so adding or removing refreshes users. */
export function useProjectMembership(projectId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: userKeys.all });
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

'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserCreate, UserUpdate } from '@/lib/dialects/pier/org';
import { api, get, qs } from './api';
import { listKey, listParams, type ListParams, type Paged } from './paging';
import type { Role } from './use-me';
import { refreshAfterChange } from './refresh';

export interface User {
  id: string;
  name: string;
  displayName: string;
  email: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  disabled: boolean;
  createdAt: string;
  projects: { id: string; name: string }[];
}

export const userKeys = {
  all: ['users'] as const,
  list: (p: ListParams) => ['users', 'list', listKey(p)] as const,
};

/**
 * One page of the users the caller may see. With `keepPrevious` (paged tables)
 * the previous page stays on screen while the next loads; pickers leave it off
 * so they never offer another filter's rows.
 */
export function useUsers(params: ListParams = {}, opts: { enabled?: boolean; keepPrevious?: boolean } = {}) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: () => get<Paged<User>>(`/users${qs(listParams(params))}`),
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
    enabled: opts.enabled ?? true,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api<User>('POST', '/users', body),
    onSuccess: () => refreshAfterChange(qc, { queryKey: userKeys.all }),
  });
}

export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserUpdate) => api<User>('PATCH', `/users/${id}`, body),
    onSuccess: () => refreshAfterChange(qc, { queryKey: userKeys.all }),
  });
}

export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/users/${id}`),
    onSuccess: () => refreshAfterChange(qc, { queryKey: userKeys.all }),
  });
}

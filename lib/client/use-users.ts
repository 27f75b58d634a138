'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserCreate, UserUpdate } from '@/lib/dialects/pier/org';
import { api, get, qs } from './api';
import type { Role } from './use-me';

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
  list: (departmentId?: string) => ['users', 'list', departmentId ?? ''] as const,
};

export function useUsers(departmentId?: string, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: userKeys.list(departmentId),
    queryFn: () => get<{ items: User[] }>(`/users${qs({ departmentId })}`).then((r) => r.items),
    enabled: opts.enabled ?? true,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api<User>('POST', '/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserUpdate) => api<User>('PATCH', `/users/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/users/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

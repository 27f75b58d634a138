'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DepartmentCreate, DepartmentUpdate } from '@/lib/dialects/pier/org';
import { api, get } from './api';
import { refreshAfterChange } from './refresh';

export interface Department {
  id: string;
  name: string;
  description: string;
  createdAt: string;
}

export const departmentKeys = { all: ['departments'] as const };

export function useDepartments() {
  return useQuery({
    queryKey: departmentKeys.all,
    queryFn: () => get<{ items: Department[] }>('/departments').then((r) => r.items),
  });
}

export function useCreateDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DepartmentCreate) => api<Department>('POST', '/departments', body),
    onSuccess: () => refreshAfterChange(qc, { queryKey: departmentKeys.all }),
  });
}

export function useUpdateDepartment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DepartmentUpdate) => api<Department>('PATCH', `/departments/${id}`, body),
    // Projects and users show their department's name.
    onSuccess: () => refreshAfterChange(qc, { predicate: (q) => ['departments', 'projects', 'users', 'me'].includes(String(q.queryKey[0])) }),
  });
}

export function useDeleteDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/departments/${id}`),
    onSuccess: () => refreshAfterChange(qc, { queryKey: departmentKeys.all }),
  });
}

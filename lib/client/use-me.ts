'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PasswordChange, Prefs } from '@/lib/dialects/pier/account';
import { api, get } from './api';

export type Role = 'system_admin' | 'admin' | 'developer' | 'visitor';
export type Theme = 'light' | 'dark' | 'system';

export interface Me {
  id: string;
  name: string;
  displayName: string;
  email: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  locale: 'en' | 'zh' | null;
  theme: Theme;
}

export const meKeys = { all: ['me'] as const };

export function isAdminRole(role: Role | undefined): boolean {
  return role === 'system_admin' || role === 'admin';
}

/** The signed-in user; the console layout seeds it from the server so it never loads twice. */
export function useMe(initial?: Me) {
  return useQuery({ queryKey: meKeys.all, queryFn: () => get<Me>('/me'), initialData: initial, staleTime: 60_000 });
}

export function useUpdatePrefs() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (prefs: Prefs) => api<Me>('PATCH', '/me', prefs),
    onSuccess: (me) => qc.setQueryData(meKeys.all, me),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: PasswordChange) => api<void>('POST', '/me/password', body) });
}

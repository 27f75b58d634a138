'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PasswordChange, Prefs } from '@/lib/dialects/pier/account';
import type { Role } from '@/lib/dialects/pier/org';
import type { Locale } from '@/lib/i18n/locale';
import type { ThemeChoice } from '@/components/theme/theme';
import { api, get } from './api';

export type { Role };

export interface Me {
  id: string;
  name: string;
  displayName: string;
  email: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  locale: Locale | null;
  theme: ThemeChoice;
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

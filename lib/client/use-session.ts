'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SignIn } from '@/lib/dialects/pier/account';
import { api } from './api';

export function useSignIn() {
  return useMutation({ mutationFn: (body: SignIn) => api<{ expiresAt: string }>('POST', '/session', body) });
}

/** Signs out and forgets everything cached for this user. */
export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', '/session'),
    onSettled: () => qc.clear(),
  });
}

'use client';

import { useMutation } from '@tanstack/react-query';
import type { SignIn } from '@/lib/dialects/pier/account';
import { api, leaveTo } from './api';

export function useSignIn() {
  return useMutation({ mutationFn: (body: SignIn) => api<{ expiresAt: string }>('POST', '/session', body) });
}

/** Signs out and loads the sign-in page afresh, which also drops everything cached for this user. */
export function useSignOut() {
  return useMutation({
    mutationFn: () => api<void>('DELETE', '/session'),
    onSettled: () => leaveTo('/login'),
  });
}

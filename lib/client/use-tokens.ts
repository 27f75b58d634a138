'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TokenCreate } from '@/lib/dialects/pier/account';
import { api, get } from './api';
import { refreshAfterChange } from './refresh';

export interface PersonalToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Worked out when the list was fetched. */
  expired: boolean;
}

export interface IssuedToken {
  id: string;
  name: string;
  secret: string;
  expiresAt: string;
}

export const tokenKeys = { all: ['me', 'tokens'] as const };

export function useTokens() {
  return useQuery({
    queryKey: tokenKeys.all,
    queryFn: async () => {
      const { items } = await get<{ items: Omit<PersonalToken, 'expired'>[] }>('/me/tokens');
      const now = Date.now();
      return items.map((tk): PersonalToken => ({ ...tk, expired: new Date(tk.expiresAt).getTime() <= now }));
    },
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TokenCreate) => api<IssuedToken>('POST', '/me/tokens', body),
    onSuccess: () => refreshAfterChange(qc, { queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/me/tokens/${id}`),
    onSuccess: () => refreshAfterChange(qc, { queryKey: tokenKeys.all }),
  });
}

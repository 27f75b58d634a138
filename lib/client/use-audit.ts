'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditQuery } from '@/lib/dialects/pier/audit';
import { get, qs } from './api';

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  resourceType: string;
  resourceId: string;
  resourceName: string;
  source: string;
  before: unknown;
  after: unknown;
  departmentId: string | null;
  projectId: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export type AuditFilters = Partial<AuditQuery>;

export const auditKeys = {
  all: ['audit'] as const,
  page: (f: AuditFilters) => ['audit', f] as const,
};

/** One page of the audit log; the previous page stays on screen while the next loads. */
export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: auditKeys.page(filters),
    queryFn: () => get<AuditPage>(`/audit${qs(filters)}`),
    placeholderData: keepPreviousData,
    retry: (n, err) => (err as { status?: number }).status !== 403 && n < 2,
  });
}

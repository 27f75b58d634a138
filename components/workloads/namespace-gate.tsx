'use client';

import type { useWorkloadsNamespace } from '@/lib/client/use-workloads-namespace';
import { useT } from '@/lib/i18n/react';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState } from '@/components/ui/states';

/** Renders its children once the session is in one of the project's namespaces; says why not otherwise. */
export function NamespaceGate({ ns, children }: { ns: ReturnType<typeof useWorkloadsNamespace>; children: React.ReactNode }) {
  const t = useT();
  if (ns.none) {
    return (
      <EmptyState icon="workloads" title={t('workloads.title')}>
        {ns.project ? t('workloads.noNamespace', { project: ns.project.name }) : t('workloads.noProject')}
      </EmptyState>
    );
  }
  return (
    <QueryState query={{ isPending: ns.isLoading || !ns.ready, error: ns.error, refetch: () => window.location.reload() }}>
      {children}
    </QueryState>
  );
}

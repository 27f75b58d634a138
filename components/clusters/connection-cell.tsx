'use client';

import { useClusterConnection } from '@/lib/client/use-clusters';
import { useT } from '@/lib/i18n/react';
import { Spinner } from '@/components/ui/states';
import { Badge } from '@/components/ui/table';

/** Version and node count of one cluster, or why it cannot be reached. */
export function ConnectionCell({ name }: { name: string }) {
  const t = useT();
  const q = useClusterConnection(name);
  if (q.isFetching && !q.data) return <Spinner />;
  if (q.error || !q.data) return <Badge tone="red">{t('clusters.unreachable')}</Badge>;
  if (!q.data.ok) {
    return (
      <span title={q.data.error?.message} className="inline-flex max-w-44 flex-col gap-0.5">
        <Badge tone="red">{t('clusters.unreachable')}</Badge>
        <span className="truncate text-xs text-slate-500 dark:text-slate-400">{q.data.error?.message}</span>
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-2 whitespace-nowrap">
      <Badge tone="green">{q.data.gitVersion}</Badge>
      <span className="text-slate-600 dark:text-slate-300">{q.data.nodeCount}</span>
    </span>
  );
}

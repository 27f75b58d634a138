'use client';

import Link from 'next/link';
import type { PodStatus } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { EmptyState } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { age } from '../format';
import { StatusBadge } from '../status-badge';

/**
 * The workload's pods; each links to its page on the pod dashboard (`/pods/<namespace>/<name>?cluster=`), and the
 * dashboard filtered to the workload follows them live (this tab polls only while the workload moves).
 */
export function PodsTab({ pods, namespace, cluster, workload }: { pods: PodStatus[]; namespace: string; cluster: string; workload: string }) {
  const t = useT();
  const now = new Date();
  const live = `/pods?${new URLSearchParams({ cluster, namespace, workload })}`;
  const dashboardLink = (
    <p className="mb-3 text-sm">
      <Link href={live} className="text-sky-700 hover:underline dark:text-sky-400">{`${t('workloads.pods.dashboard')} →`}</Link>
    </p>
  );
  if (pods.length === 0) return <>{dashboardLink}<EmptyState icon="pods" title={t('workloads.pods.empty')} /></>;
  const sorted = [...pods].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      {dashboardLink}
      <Table label={t('workloads.page.pods')}>
        <thead>
          <tr>
            <Th>{t('common.name')}</Th>
            <Th>{t('workloads.status')}</Th>
            <Th>{t('workloads.pods.restarts')}</Th>
            <Th>{t('workloads.pods.node')}</Th>
            <Th>{t('workloads.pods.ip')}</Th>
            <Th>{t('workloads.age')}</Th>
          </tr>
        </thead>
        <Tbody>
          {sorted.map((p) => (
            <tr key={p.name}>
              <Td className="font-medium whitespace-nowrap">
                <Link href={`/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(p.name)}?cluster=${encodeURIComponent(cluster)}`} className="text-sky-700 hover:underline dark:text-sky-400">{p.name}</Link>
              </Td>
              <Td><StatusBadge status={p.status} /></Td>
              <Td className="tabular-nums">{p.restart_count}</Td>
              <Td className="whitespace-nowrap">{p.node_name}</Td>
              <Td className="font-mono text-xs">{p.pod_ip}</Td>
              <Td className="tabular-nums">{age(p.creation_time, now)}</Td>
            </tr>
          ))}
        </Tbody>
      </Table>
    </>
  );
}

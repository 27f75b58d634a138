'use client';

import Link from 'next/link';
import { useNodes } from '@/lib/client/use-nodes';
import { useI18n } from '@/lib/i18n/react';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState, Notice } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { bytes, cores } from '@/components/clusters/format';
import { LabelList } from '@/components/clusters/labels';
import { NodeStatus, Usage } from '@/components/clusters/node-status';

export function NodesPage({ cluster }: { cluster: string }) {
  const { t } = useI18n();
  const query = useNodes(cluster);
  const nodes = query.data?.items ?? [];
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/clusters" className="text-sky-700 hover:underline dark:text-sky-400">← {t('clusters.back')}</Link>
      </nav>
      <PageHeader title={t('nodes.title', { cluster })} subtitle={t('nodes.subtitle')} />
      {query.data?.stale ? <div className="mb-4"><Notice tone="warning">{t('nodes.stale')}</Notice></div> : null}
      <QueryState query={query}>
        {nodes.length === 0 ? (
          <EmptyState icon="clusters" title={t('nodes.empty')} />
        ) : (
          <Table label={t('nodes.title', { cluster })}>
            <thead>
              <tr>
                <Th>{`${t('common.name')} · ${t('nodes.roles')}`}</Th>
                <Th>{t('nodes.status')}</Th>
                <Th>{t('nodes.version')}</Th>
                <Th>{`${t('nodes.cpu')}: ${t('nodes.requested')} / ${t('nodes.allocatable')}`}</Th>
                <Th>{`${t('nodes.memory')}: ${t('nodes.requested')} / ${t('nodes.allocatable')}`}</Th>
                <Th>{`${t('nodes.pods')} / ${t('nodes.allocatable')}`}</Th>
                <Th>{t('nodes.capacity')}</Th>
                <Th>{t('nodes.taints')}</Th>
                <Th>{t('nodes.labels')}</Th>
              </tr>
            </thead>
            <Tbody>
              {nodes.map((n) => (
                <tr key={n.name}>
                  <Td className="font-medium whitespace-nowrap">
                    <Link href={`/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(n.name)}`} className="text-sky-700 hover:underline dark:text-sky-400">{n.name}</Link>
                    <div className="text-xs font-normal text-slate-500 dark:text-slate-400">{n.roles.join(', ') || t('nodes.none')}</div>
                  </Td>
                  <Td><NodeStatus ready={n.ready} unschedulable={n.unschedulable} /></Td>
                  <Td className="font-mono text-xs">{n.version}</Td>
                  <Td><Usage used={n.requested.cpu} total={n.allocatable.cpu} text={`${cores(n.requested.cpu)} / ${cores(n.allocatable.cpu)}`} /></Td>
                  <Td><Usage used={n.requested.memory} total={n.allocatable.memory} text={`${bytes(n.requested.memory)} / ${bytes(n.allocatable.memory)}`} /></Td>
                  <Td><Usage used={n.podCount} total={n.allocatable.pods} text={`${n.podCount} / ${n.allocatable.pods}`} /></Td>
                  <Td className="text-xs whitespace-nowrap">{`${cores(n.capacity.cpu)} · ${bytes(n.capacity.memory)} · ${n.capacity.pods}`}</Td>
                  <Td className="min-w-64 font-mono text-xs break-all">
                    {n.taints.length ? n.taints.map((x) => <div key={`${x.key}:${x.effect}`}>{`${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}`}</div>) : t('nodes.none')}
                  </Td>
                  <Td><LabelList labels={n.labels} empty={t('nodes.none')} className="max-w-64" /></Td>
                </tr>
              ))}
            </Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}

'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useDeployments } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { SearchBox } from '@/components/ui/search-box';
import { EmptyState } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { DeployStatusBadge, PodCounts, TypeBadge } from '@/components/deploy/status';

const PAGE_SIZE = 20;

/** Every deployment the caller sees, with its live status and pod counts (polled while something moves). */
export function DeploymentsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [appName, setAppName] = useState('');
  const query = useDeployments(page, appName, PAGE_SIZE);
  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('deployments.title')}
        subtitle={t('deployments.subtitle')}
        actions={
          <Link href="/deployments/new" className={buttonClass('primary')}>
            <Icon name="plus" className="size-4" />
            {t('deployments.new')}
          </Link>
        }
      />
      <div className="mb-4 max-w-sm">
        <SearchBox id="deployments-search" label={t('deployments.searchApp')} onSearch={(q) => { setAppName(q); setPage(1); }} />
      </div>
      <QueryState query={query}>
        {items.length === 0 ? (
          <EmptyState icon="deployments" title={t('deployments.empty')}>{t('deployments.emptyHint')}</EmptyState>
        ) : (
          <>
            <Table label={t('deployments.title')}>
              <thead>
                <tr>
                  <Th>{t('deployments.name')}</Th>
                  <Th>{t('deploy.application')}</Th>
                  <Th>{t('deploy.version')}</Th>
                  <Th>{t('deploy.project')}</Th>
                  <Th>{t('deployQueue.filterStatus')}</Th>
                  <Th>{`${t('deploy.pods')} (${t('deploy.running')} / ${t('deploy.failing')} / ${t('deploy.total')})`}</Th>
                  <Th>{t('deployments.clusterRule')}</Th>
                  <Th>{t('deployments.editable')}</Th>
                </tr>
              </thead>
              <Tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <Td className="whitespace-nowrap">
                      <Link href={`/deployments/${d.seq}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">{d.name}</Link>
                    </Td>
                    <Td>{d.appName}</Td>
                    <Td className="font-mono text-xs">{d.version}</Td>
                    <Td>{d.projectName}</Td>
                    <Td className="whitespace-nowrap"><span className="inline-flex items-center gap-1.5"><TypeBadge type={d.deployType} /><DeployStatusBadge status={d.status} /></span></Td>
                    <Td>{d.deletedAt ? t('common.none') : <PodCounts pods={d.pods} />}</Td>
                    <Td className="max-w-40 truncate text-xs"><span title={d.cluster}>{d.cluster || t('deployments.allClusters')}</span></Td>
                    <Td>{d.editable ? <Badge tone="green">{t('deployments.yes')}</Badge> : <Badge>{d.deletedAt ? t('deployments.deleted') : t('deployments.locked')}</Badge>}</Td>
                  </tr>
                ))}
              </Tbody>
            </Table>
            <Pager page={page} pageSize={PAGE_SIZE} total={query.data?.total ?? 0} totalLabel={t('deployments.total', { n: query.data?.total ?? 0 })} fetching={query.isFetching} onPage={setPage} />
          </>
        )}
      </QueryState>
    </>
  );
}

'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { NameMode } from '@/lib/catalog/list';
import { useCurrentProject } from '@/lib/client/current-project';
import { pageAfterDelete } from '@/lib/client/paging';
import { useApps, type AppItem } from '@/lib/client/use-apps';
import { useMe } from '@/lib/client/use-me';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { DeleteVersionDialog } from '@/components/apps/delete-version-dialog';
import { ChartUploadDialog } from '@/components/apps/chart-upload-dialog';
import { DeployTypeBadge } from '@/components/apps/deploy-type-badge';
import { Icon } from '@/components/icons';
import { Button, buttonClass } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { SearchBox } from '@/components/ui/search-box';
import { EmptyState, LoadingState } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';

const PAGE_SIZE = 20;
const MODES: NameMode[] = ['partial', 'prefix', 'strict'];

export function AppsPage() {
  const { t, locale } = useI18n();
  const me = useMe().data;
  const current = useCurrentProject();
  const project = current.project?.name ?? '';
  const [q, setQ] = useState('');
  const [mode, setMode] = useState<NameMode>('partial');
  const [page, setPage] = useState(1);
  const query = useApps({ project, page, pageSize: PAGE_SIZE, q, mode });
  const data = query.data;
  const [deleting, setDeleting] = useState<AppItem | null>(null);
  const [uploading, setUploading] = useState(false);
  const canWrite = !!me && me.role !== 'visitor';

  return (
    <>
      <PageHeader
        title={t('apps.title')}
        subtitle={project ? t('apps.ofProject', { project }) : t('apps.subtitle')}
        actions={
          canWrite && project ? (
            <>
              <Button onClick={() => setUploading(true)}>{t('apps.uploadChart')}</Button>
              <Link href="/apps/new" className={buttonClass('primary')}>
                <Icon name="plus" className="size-4" />
                {t('apps.new')}
              </Link>
            </>
          ) : null
        }
      />
      {me?.role === 'visitor' ? <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t('apps.visitorNote')}</p> : null}
      {current.isLoading ? (
        <LoadingState label={t('common.loading')} />
      ) : !project ? (
        <EmptyState icon="applications" title={t('apps.noProject')} />
      ) : (
        <>
          <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3">
            <SearchBox id="app-search" label={t('common.searchByName')} onSearch={(v) => { setQ(v); setPage(1); }} />
            <div className="flex items-center gap-2">
              <label htmlFor="app-mode" className="text-sm font-medium whitespace-nowrap text-slate-700 dark:text-slate-300">{t('apps.matchMode')}</label>
              <Select id="app-mode" className="w-40! max-w-full" value={mode} onChange={(e) => { setMode(e.target.value as NameMode); setPage(1); }}>
                {MODES.map((m) => <option key={m} value={m}>{t(`apps.mode.${m}`)}</option>)}
              </Select>
            </div>
          </div>
          <QueryState query={query}>
            {data?.total === 0 ? (
              <EmptyState icon="applications" title={q ? t('common.noMatch', { q }) : t('apps.empty')}>
                {canWrite && !q ? t('apps.emptyHint') : null}
              </EmptyState>
            ) : (
              <>
                <Table label={t('apps.title')}>
                  <thead>
                    <tr>
                      <Th>{t('common.name')}</Th>
                      <Th className="text-right">{t('apps.versions')}</Th>
                      <Th>{t('apps.latest')}</Th>
                      <Th>{t('apps.deployType')}</Th>
                      <Th>{t('apps.image')}</Th>
                      <Th>{t('apps.created')}</Th>
                      {canWrite ? <Th className="text-right">{t('common.actions')}</Th> : null}
                    </tr>
                  </thead>
                  <Tbody>
                    {data?.apps.map((a) => (
                      <tr key={a.id}>
                        <Td className="font-medium">
                          <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/apps/${encodeURIComponent(a.appName)}`}>{a.appName}</Link>
                        </Td>
                        <Td className="text-right tabular-nums"><Badge tone="sky">{a.versions ?? 1}</Badge></Td>
                        <Td className="font-mono text-xs">
                          <Link className="hover:underline" href={`/apps/${encodeURIComponent(a.appName)}/${encodeURIComponent(a.version)}`}>{a.version}</Link>
                        </Td>
                        <Td><DeployTypeBadge type={a.deployType} /></Td>
                        <Td className="max-w-xs truncate font-mono text-xs" >{a.image || (a.chart ? `${a.chart.name}-${a.chart.version}` : t('common.none'))}</Td>
                        <Td className="whitespace-nowrap">{formatDateTime(new Date(a.createTime * 1000), locale)}</Td>
                        {canWrite ? (
                          <Td className="text-right">
                            <Button size="sm" variant="dangerGhost" aria-label={`${t('apps.deleteVersion', { version: a.version })} ${a.appName}`} onClick={() => setDeleting(a)}>
                              {t('apps.deleteVersion', { version: a.version })}
                            </Button>
                          </Td>
                        ) : null}
                      </tr>
                    ))}
                  </Tbody>
                </Table>
                <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} totalLabel={t('apps.total', { n: data?.total ?? 0 })} fetching={query.isFetching} onPage={setPage} />
              </>
            )}
          </QueryState>
        </>
      )}
      <DeleteVersionDialog version={deleting} onDone={() => setPage(pageAfterDelete(page, data?.apps.length))} onClose={() => setDeleting(null)} />
      {uploading ? <ChartUploadDialog project={project} onClose={() => setUploading(false)} /> : null}
    </>
  );
}

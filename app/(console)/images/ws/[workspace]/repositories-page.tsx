'use client';

import Link from 'next/link';
import { useState } from 'react';
import { pageAfterDelete } from '@/lib/client/paging';
import { useDeleteRepositories, useRepositories, useWorkspace, type Repository, type RepositoryListParams } from '@/lib/client/use-images';
import { useMe } from '@/lib/client/use-me';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { humanBytes } from '@/components/images/bytes';
import { UploadDialog } from '@/components/images/upload-dialog';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { SearchBox } from '@/components/ui/search-box';
import { EmptyState } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { ImagesNav } from '../../images-nav';

const PAGE_SIZE = 20;

/** The first line of prose of a Markdown description (headings and code fences skipped). */
function summaryOf(md: string): string {
  const line = md.split('\n').find((l) => l.trim() && !/^(#|```)/.test(l.trim()));
  return (line ?? '').replace(/[*`]/g, '').trim();
}
const SORTS = ['name:asc', 'update_time:desc', 'creation_time:desc', 'pull_count:desc'] as const;
type Sort = (typeof SORTS)[number];

export function RepositoriesPage({ workspace }: { workspace: string }) {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const me = useMe().data;
  const ws = useWorkspace(workspace);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<Sort>('name:asc');
  const [page, setPage] = useState(1);
  const [orderBy, order] = sort.split(':') as [RepositoryListParams['orderBy'], RepositoryListParams['order']];
  const query = useRepositories({ page, pageSize: PAGE_SIZE, workspace, q, orderBy, order }, ws.isSuccess);
  const data = query.data;
  const remove = useDeleteRepositories();
  const [deleting, setDeleting] = useState<Repository | null>(null);
  const [uploading, setUploading] = useState(false);
  const canWrite = me && me.role !== 'visitor';
  const info = ws.data?.harbor_project;

  return (
    <>
      <PageHeader
        title={workspace}
        subtitle={info ? `${info.public === 'true' ? t('images.public') : t('images.private')} · ${humanBytes(info.size)} · ${t('images.workspaces.total', { n: info.image_count })}` : undefined}
        actions={
          canWrite && info ? (
            <Button variant="primary" onClick={() => setUploading(true)}>
              <Icon name="plus" className="size-4" />
              {t('images.upload.open')}
            </Button>
          ) : null
        }
      />
      <ImagesNav />
      <nav aria-label={t('images.breadcrumb')} className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/images" className="text-sky-700 hover:underline dark:text-sky-400">{t('images.workspaces.title')}</Link>
        <span aria-hidden> / </span>
        <span>{workspace}</span>
      </nav>
      <QueryState query={ws}>
        <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3">
          <SearchBox id="repo-search" label={t('common.searchByName')} onSearch={(v) => { setQ(v); setPage(1); }} />
          <div className="flex items-center gap-2">
            <label htmlFor="repo-sort" className="text-sm font-medium whitespace-nowrap text-slate-700 dark:text-slate-300">{t('images.sortBy')}</label>
            <Select id="repo-sort" className="w-56! max-w-full" value={sort} onChange={(e) => { setSort(e.target.value as Sort); setPage(1); }}>
              {SORTS.map((s) => <option key={s} value={s}>{t(`images.repositories.sort.${s.split(':')[0] as 'name'}`)}</option>)}
            </Select>
          </div>
        </div>
        <QueryState query={query}>
          {data?.total === 0 ? (
            <EmptyState icon="images" title={q ? t('common.noMatch', { q }) : t('images.repositories.empty')}>
              {canWrite && !q ? t('images.repositories.emptyHint') : null}
            </EmptyState>
          ) : (
            <>
              <Table label={t('images.repositories.title')}>
                <thead>
                  <tr>
                    <Th>{t('common.name')}</Th>
                    <Th>{t('common.description')}</Th>
                    <Th className="text-right">{t('images.repositories.tags')}</Th>
                    <Th className="text-right">{t('images.repositories.pulls')}</Th>
                    <Th>{t('common.created')}</Th>
                    {canWrite ? <Th className="text-right">{t('common.actions')}</Th> : null}
                  </tr>
                </thead>
                <Tbody>
                  {data?.images.map((r) => (
                    <tr key={r.id}>
                      <Td className="font-medium">
                        <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/images/ws/${encodeURIComponent(workspace)}/${r.name.split('/').map(encodeURIComponent).join('/')}`}>
                          {r.name}
                        </Link>
                      </Td>
                      <Td className="max-w-md truncate">{summaryOf(r.description) || t('common.none')}</Td>
                      <Td className="text-right tabular-nums"><Badge tone="sky">{r.tags_count}</Badge></Td>
                      <Td className="text-right tabular-nums">{r.pull_count}</Td>
                      <Td className="whitespace-nowrap">{formatDateTime(r.creation_time, locale)}</Td>
                      {canWrite ? (
                        <Td className="text-right">
                          <Button size="sm" variant="dangerGhost" aria-label={`${t('common.delete')} ${r.name}`} onClick={() => setDeleting(r)}>{t('common.delete')}</Button>
                        </Td>
                      ) : null}
                    </tr>
                  ))}
                </Tbody>
              </Table>
              <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} totalLabel={t('images.repositories.total', { n: data?.total ?? 0 })} fetching={query.isFetching} onPage={setPage} />
            </>
          )}
        </QueryState>
      </QueryState>
      <ConfirmDialog
        open={deleting !== null}
        title={t('images.repositories.deleteTitle')}
        message={t('images.repositories.deleteConfirm', { name: `${workspace}/${deleting?.name ?? ''}`, n: deleting?.tags_count ?? 0 })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error ? errorText(remove.error) : null}
        onConfirm={() =>
          deleting &&
          remove.mutate([{ workspace, name: deleting.name }], {
            onSuccess: () => { setPage(pageAfterDelete(page, data?.images.length)); setDeleting(null); remove.reset(); },
          })
        }
        onClose={() => { setDeleting(null); remove.reset(); }}
      />
      {uploading ? <UploadDialog workspace={workspace} onClose={() => setUploading(false)} /> : null}
    </>
  );
}

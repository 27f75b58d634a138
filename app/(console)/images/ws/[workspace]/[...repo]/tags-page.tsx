'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useDeleteTags, useRepository, useTags, type TagListParams } from '@/lib/client/use-images';
import { useMe } from '@/lib/client/use-me';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { humanBytes, shortDigest } from '@/components/images/bytes';
import { CopyButton } from '@/components/images/copy-button';
import { Markdown } from '@/components/images/markdown';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/field';
import { Modal } from '@/components/ui/modal';
import { Card, PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { SearchBox } from '@/components/ui/search-box';
import { EmptyState } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { ImagesNav } from '../../../images-nav';
import { DescriptionForm } from './description-form';

const PAGE_SIZE = 50;
const SORTS = ['name:asc', 'creation_time:desc', 'size:desc'] as const;
type Sort = (typeof SORTS)[number];

export function TagsPage({ workspace, repository }: { workspace: string; repository: string }) {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const me = useMe().data;
  const repo = useRepository(workspace, repository);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<Sort>('name:asc');
  const [page, setPage] = useState(1);
  const [orderBy, order] = sort.split(':') as [TagListParams['orderBy'], TagListParams['order']];
  const query = useTags(workspace, repository, { page, pageSize: PAGE_SIZE, q, orderBy, order });
  const remove = useDeleteTags();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const canWrite = me && me.role !== 'visitor';
  const tags = query.data?.tags ?? [];
  const allOnPage = tags.length > 0 && tags.every((x) => selected.has(x.tag_name));
  const toggle = (name: string) => setSelected((s) => { const n = new Set(s); if (n.has(name)) n.delete(name); else n.add(name); return n; });
  const detail = repo.data;

  return (
    <>
      <PageHeader
        title={`${workspace}/${repository}`}
        subtitle={detail ? t('images.tags.summary', { size: humanBytes(detail.size), pulls: detail.pull_count, n: detail.image_base.tags_count }) : undefined}
      />
      <ImagesNav />
      <nav aria-label={t('images.breadcrumb')} className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/images" className="text-sky-700 hover:underline dark:text-sky-400">{t('images.workspaces.title')}</Link>
        <span aria-hidden> / </span>
        <Link href={`/images/ws/${encodeURIComponent(workspace)}`} className="text-sky-700 hover:underline dark:text-sky-400">{workspace}</Link>
        <span aria-hidden> / </span>
        <span>{repository}</span>
      </nav>
      <QueryState query={repo}>
        <Card title={t('common.description')} className="mb-5">
          <div className="flex items-start justify-between gap-4">
            {detail?.image_base.description ? <Markdown source={detail.image_base.description} /> : <p className="text-sm text-slate-500">{t('images.tags.noDescription')}</p>}
            {canWrite ? <Button size="sm" onClick={() => setEditing(true)}>{t('common.edit')}</Button> : null}
          </div>
        </Card>
        <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3">
          <SearchBox id="tag-search" label={t('images.tags.search')} onSearch={(v) => { setQ(v); setPage(1); }} />
          <div className="flex items-center gap-2">
            <label htmlFor="tag-sort" className="text-sm font-medium whitespace-nowrap text-slate-700 dark:text-slate-300">{t('images.sortBy')}</label>
            <Select id="tag-sort" className="w-48! max-w-full" value={sort} onChange={(e) => { setSort(e.target.value as Sort); setPage(1); }}>
              {SORTS.map((s) => <option key={s} value={s}>{t(`images.tags.sort.${s.split(':')[0] as 'name'}`)}</option>)}
            </Select>
          </div>
          {canWrite ? (
            <Button variant="danger" size="sm" disabled={selected.size === 0} onClick={() => setConfirming(true)}>
              {t('images.tags.deleteSelected', { n: selected.size })}
            </Button>
          ) : null}
        </div>
        <QueryState query={query}>
          {query.data?.total === 0 ? (
            <EmptyState icon="images" title={q ? t('common.noMatch', { q }) : t('images.tags.empty')} />
          ) : (
            <>
              <Table label={t('images.tags.title')}>
                <thead>
                  <tr>
                    {canWrite ? (
                      <Th className="w-8">
                        <input
                          type="checkbox"
                          aria-label={t('images.tags.selectAll')}
                          className="size-4 accent-sky-700"
                          checked={allOnPage}
                          onChange={() => setSelected(allOnPage ? new Set() : new Set(tags.map((x) => x.tag_name)))}
                        />
                      </Th>
                    ) : null}
                    <Th>{t('images.tags.tag')}</Th>
                    <Th className="text-right">{t('images.size')}</Th>
                    <Th>{t('images.tags.digest')}</Th>
                    <Th>{t('common.created')}</Th>
                    <Th>{t('images.tags.docker')}</Th>
                    <Th>{t('images.tags.pull')}</Th>
                  </tr>
                </thead>
                <Tbody>
                  {tags.map((x) => (
                    <tr key={x.tag_name}>
                      {canWrite ? (
                        <Td>
                          <input type="checkbox" className="size-4 accent-sky-700" aria-label={t('images.tags.select', { tag: x.tag_name })} checked={selected.has(x.tag_name)} onChange={() => toggle(x.tag_name)} />
                        </Td>
                      ) : null}
                      <Td className="font-medium text-slate-900 dark:text-slate-100">{x.tag_name}</Td>
                      <Td className="text-right whitespace-nowrap tabular-nums">{humanBytes(x.size)}</Td>
                      <Td className="font-mono text-xs" ><span title={x.digest}>{shortDigest(x.digest)}</span></Td>
                      <Td className="whitespace-nowrap">{formatDateTime(x.creation_time, locale)}</Td>
                      <Td className="whitespace-nowrap">{x.docker_version || t('common.none')}{x.architecture ? ` · ${x.architecture}` : ''}</Td>
                      <Td>
                        <div className="flex items-center gap-1">
                          <code className="max-w-xs truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800" title={x.pull_command}>{x.pull_command}</code>
                          <CopyButton text={x.pull_command} label={t('images.tags.copyPull', { tag: x.tag_name })} />
                        </div>
                      </Td>
                    </tr>
                  ))}
                </Tbody>
              </Table>
              <Pager page={page} pageSize={PAGE_SIZE} total={query.data?.total ?? 0} totalLabel={t('images.tags.total', { n: query.data?.total ?? 0 })} fetching={query.isFetching} onPage={setPage} />
            </>
          )}
        </QueryState>
      </QueryState>
      <ConfirmDialog
        open={confirming}
        title={t('images.tags.deleteTitle')}
        message={t('images.tags.deleteConfirm', { n: selected.size, tags: [...selected].join(', '), name: `${workspace}/${repository}` })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error ? errorText(remove.error) : null}
        onConfirm={() =>
          remove.mutate({ workspace, name: repository, tags: [...selected] }, {
            onSuccess: () => { setSelected(new Set()); setConfirming(false); remove.reset(); setPage(1); },
          })
        }
        onClose={() => { setConfirming(false); remove.reset(); }}
      />
      <Modal open={editing} wide title={t('images.tags.editDescription')} onClose={() => setEditing(false)} closeLabel={t('common.close')}>
        {editing && detail ? <DescriptionForm workspace={workspace} name={repository} description={detail.image_base.description} onDone={() => setEditing(false)} /> : null}
      </Modal>
    </>
  );
}

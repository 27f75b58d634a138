'use client';

import { useState } from 'react';
import { pageAfterDelete } from '@/lib/client/paging';
import { useDeleteThirdRegistry, useThirdRegistries, type ThirdRegistry } from '@/lib/client/use-images';
import { useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Modal } from '@/components/ui/modal';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { ImagesNav } from '../images-nav';
import { RegistryForm } from './registry-form';

const PAGE_SIZE = 20;

export function RegistriesPage() {
  const t = useT();
  const errorText = useErrorText();
  const me = useMe().data;
  const [page, setPage] = useState(1);
  const query = useThirdRegistries({ page, pageSize: PAGE_SIZE });
  const remove = useDeleteThirdRegistry();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ThirdRegistry | null>(null);
  const canWrite = me && me.role !== 'visitor';
  const data = query.data;
  return (
    <>
      <PageHeader
        title={t('images.registries.title')}
        subtitle={t('images.registries.subtitle')}
        actions={canWrite ? <Button variant="primary" onClick={() => setCreating(true)}><Icon name="plus" className="size-4" />{t('images.registries.new')}</Button> : null}
      />
      <ImagesNav />
      <QueryState query={query}>
        {data?.total === 0 ? (
          <EmptyState icon="images" title={t('images.registries.empty')} />
        ) : (
          <>
            <Table label={t('images.registries.title')}>
              <thead>
                <tr>
                  <Th>{t('images.registries.id')}</Th>
                  <Th>{t('images.registries.address')}</Th>
                  <Th>{t('images.registries.user')}</Th>
                  {canWrite ? <Th className="text-right">{t('common.actions')}</Th> : null}
                </tr>
              </thead>
              <Tbody>
                {data?.data.map((r) => (
                  <tr key={r.repositoryId}>
                    <Td className="font-medium text-slate-900 dark:text-slate-100">{r.repositoryId}</Td>
                    <Td className="font-mono text-xs">{r.address}</Td>
                    <Td>{r.user || t('common.none')}</Td>
                    {canWrite ? (
                      <Td className="text-right">
                        <Button size="sm" variant="dangerGhost" aria-label={`${t('common.delete')} ${r.repositoryId}`} onClick={() => setDeleting(r)}>{t('common.delete')}</Button>
                      </Td>
                    ) : null}
                  </tr>
                ))}
              </Tbody>
            </Table>
            <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} totalLabel={t('images.registries.total', { n: data?.total ?? 0 })} fetching={query.isFetching} onPage={setPage} />
          </>
        )}
      </QueryState>
      <Modal open={creating} title={t('images.registries.new')} onClose={() => setCreating(false)} closeLabel={t('common.close')}>
        {creating ? <RegistryForm onDone={() => setCreating(false)} /> : null}
      </Modal>
      <ConfirmDialog
        open={deleting !== null}
        title={t('images.registries.deleteTitle')}
        message={t('images.registries.deleteConfirm', { name: deleting?.repositoryId ?? '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error ? errorText(remove.error) : null}
        onConfirm={() => deleting && remove.mutate(deleting.repositoryId, { onSuccess: () => { setPage(pageAfterDelete(page, data?.data.length)); setDeleting(null); remove.reset(); } })}
        onClose={() => { setDeleting(null); remove.reset(); }}
      />
    </>
  );
}

'use client';

import { useState } from 'react';
import { useDeleteDepartment, useDepartments, type Department } from '@/lib/client/use-departments';
import { useMe } from '@/lib/client/use-me';
import { useI18n } from '@/lib/i18n/react';
import { formatDate } from '@/lib/i18n/format';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Modal } from '@/components/ui/modal';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { DepartmentForm } from './department-form';

type Editing = { mode: 'create' } | { mode: 'edit'; department: Department } | null;

export function DepartmentsPage() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const query = useDepartments();
  const remove = useDeleteDepartment();
  const canManage = useMe().data?.role === 'system_admin';
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Department | null>(null);
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        subtitle={t('departments.subtitle')}
        actions={
          canManage ? (
            <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
              <Icon name="plus" className="size-4" />
              {t('departments.new')}
            </Button>
          ) : null
        }
      />
      <QueryState query={query}>
        {query.data?.length === 0 ? (
          <EmptyState icon="departments" title={t('departments.empty')} />
        ) : (
          <Table label={t('departments.title')}>
            <thead>
              <tr>
                <Th>{t('common.name')}</Th>
                <Th>{t('common.description')}</Th>
                <Th>{t('common.created')}</Th>
                {canManage ? <Th className="text-right">{t('common.actions')}</Th> : null}
              </tr>
            </thead>
            <Tbody>
              {query.data?.map((d) => (
                <tr key={d.id}>
                  <Td className="font-medium text-slate-900 dark:text-slate-100">{d.name}</Td>
                  <Td>{d.description || t('common.none')}</Td>
                  <Td className="whitespace-nowrap">{formatDate(d.createdAt, locale)}</Td>
                  {canManage ? (
                    <Td className="text-right whitespace-nowrap">
                      <div className="inline-flex gap-2">
                        <Button size="sm" aria-label={`${t('departments.rename')} ${d.name}`} onClick={() => setEditing({ mode: 'edit', department: d })}>
                          {t('departments.rename')}
                        </Button>
                        <Button size="sm" variant="dangerGhost" aria-label={`${t('common.delete')} ${d.name}`} onClick={() => setDeleting(d)}>
                          {t('common.delete')}
                        </Button>
                      </div>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </Tbody>
          </Table>
        )}
      </QueryState>
      <Modal
        open={editing !== null}
        title={editing?.mode === 'edit' ? t('departments.editTitle') : t('departments.createTitle')}
        onClose={() => setEditing(null)}
        closeLabel={t('common.close')}
      >
        {editing ? (
          <DepartmentForm key={editing.mode === 'edit' ? editing.department.id : 'new'} department={editing.mode === 'edit' ? editing.department : undefined} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
      <ConfirmDialog
        open={deleting !== null}
        title={t('departments.deleteTitle')}
        message={t('departments.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error ? errorText(remove.error) : null}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: closeDelete })}
        onClose={closeDelete}
      />
    </>
  );
}

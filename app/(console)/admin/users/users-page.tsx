'use client';

import { useState } from 'react';
import { pageAfterDelete } from '@/lib/client/paging';
import { useDepartments } from '@/lib/client/use-departments';
import { useMe, type Me } from '@/lib/client/use-me';
import { useDeleteUser, useUsers, type User } from '@/lib/client/use-users';
import { useT } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Modal } from '@/components/ui/modal';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { SearchBox } from '@/components/ui/search-box';
import { EmptyState } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { UserCreateForm } from './user-create-form';
import { ResetPasswordForm, UserEditForm } from './user-edit-forms';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'delete'; user: User } | null;

const roleTone = { system_admin: 'violet', admin: 'amber', developer: 'sky', visitor: 'slate' } as const;

const PAGE_SIZE = 50;

function manages(me: Me | undefined, u: User): boolean {
  return me?.role === 'system_admin' || (me?.role === 'admin' && u.departmentId !== null && u.departmentId === me.departmentId);
}

export function UsersPage() {
  const t = useT();
  const errorText = useErrorText();
  const me = useMe().data;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useUsers({ q, page, pageSize: PAGE_SIZE }, { keepPrevious: true });
  const data = query.data;
  const departments = useDepartments();
  const remove = useDeleteUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => {
    setDialog(null);
    remove.reset();
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          me && departments.data ? (
            <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
              <Icon name="plus" className="size-4" />
              {t('users.new')}
            </Button>
          ) : null
        }
      />
      <div className="mb-4">
        <SearchBox
          id="user-search"
          label={t('common.searchByName')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
        />
      </div>
      <QueryState query={query}>
        {data?.total === 0 ? (
          <EmptyState icon="users" title={q ? t('common.noMatch', { q }) : t('users.empty')} />
        ) : (
          <>
            <Table label={t('users.title')}>
              <thead>
                <tr>
                  <Th>{t('users.userName')}</Th>
                  <Th>{t('common.role')}</Th>
                  <Th>{t('common.department')}</Th>
                  <Th>{t('common.projects')}</Th>
                  <Th>{t('users.status')}</Th>
                  <Th className="text-right">{t('common.actions')}</Th>
                </tr>
              </thead>
              <Tbody>
                {data?.items.map((u) => (
                  <tr key={u.id}>
                    <Td>
                      <p className="font-medium text-slate-900 dark:text-slate-100">
                        {u.name}
                        {u.id === me?.id ? <span className="ml-1.5 text-xs font-normal text-slate-500">({t('users.you')})</span> : null}
                      </p>
                      {u.displayName || u.email ? (
                        <p className="text-xs text-slate-500 dark:text-slate-400">{[u.displayName, u.email].filter(Boolean).join(' · ')}</p>
                      ) : null}
                    </Td>
                    <Td>
                      <Badge tone={roleTone[u.role]}>{t(`roles.${u.role}`)}</Badge>
                    </Td>
                    <Td className="whitespace-nowrap">{u.departmentName ?? t('common.none')}</Td>
                    <Td>
                      <div className="flex max-w-xs flex-wrap gap-1">
                        {u.projects.length ? u.projects.map((p) => <Badge key={p.id}>{p.name}</Badge>) : t('common.none')}
                      </div>
                    </Td>
                    <Td>{u.disabled ? <Badge tone="red">{t('users.disabled')}</Badge> : <Badge tone="green">{t('users.active')}</Badge>}</Td>
                    <Td className="text-right whitespace-nowrap">
                      {manages(me, u) ? (
                        <div className="inline-flex gap-1.5">
                          <Button size="sm" aria-label={`${t('common.edit')} ${u.name}`} onClick={() => setDialog({ kind: 'edit', user: u })}>
                            {t('common.edit')}
                          </Button>
                          <Button size="sm" aria-label={`${t('users.resetPassword')} ${u.name}`} onClick={() => setDialog({ kind: 'reset', user: u })}>
                            {t('users.resetPassword')}
                          </Button>
                          {u.id !== me?.id ? (
                            <Button size="sm" variant="dangerGhost" aria-label={`${t('common.delete')} ${u.name}`} onClick={() => setDialog({ kind: 'delete', user: u })}>
                              {t('common.delete')}
                            </Button>
                          ) : null}
                        </div>
                      ) : null}
                    </Td>
                  </tr>
                ))}
              </Tbody>
            </Table>
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={data?.total ?? 0}
              totalLabel={t('users.total', { n: data?.total ?? 0 })}
              fetching={query.isFetching}
              onPage={setPage}
            />
          </>
        )}
      </QueryState>
      <Modal open={dialog?.kind === 'create'} wide title={t('users.createTitle')} onClose={close} closeLabel={t('common.close')}>
        {dialog?.kind === 'create' && me ? <UserCreateForm me={me} departments={departments.data ?? []} onDone={close} /> : null}
      </Modal>
      <Modal open={dialog?.kind === 'edit'} title={dialog?.kind === 'edit' ? t('users.editTitle', { name: dialog.user.name }) : ''} onClose={close} closeLabel={t('common.close')}>
        {dialog?.kind === 'edit' ? <UserEditForm user={dialog.user} onDone={close} /> : null}
      </Modal>
      <Modal open={dialog?.kind === 'reset'} title={dialog?.kind === 'reset' ? t('users.resetTitle', { name: dialog.user.name }) : ''} onClose={close} closeLabel={t('common.close')}>
        {dialog?.kind === 'reset' ? <ResetPasswordForm user={dialog.user} onDone={close} /> : null}
      </Modal>
      <ConfirmDialog
        open={dialog?.kind === 'delete'}
        title={t('users.deleteTitle')}
        message={t('users.deleteConfirm', { name: dialog?.kind === 'delete' ? dialog.user.name : '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error ? errorText(remove.error) : null}
        onConfirm={() =>
          dialog?.kind === 'delete' &&
          remove.mutate(dialog.user.id, {
            onSuccess: () => {
              setPage(pageAfterDelete(page, data?.items.length));
              close();
            },
          })
        }
        onClose={close}
      />
    </>
  );
}

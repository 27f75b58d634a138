'use client';

import { useState } from 'react';
import { pageAfterDelete } from '@/lib/client/paging';
import { useDepartments } from '@/lib/client/use-departments';
import { isAdminRole, useMe, type Me } from '@/lib/client/use-me';
import { useDeleteProject, useProjects, type Project } from '@/lib/client/use-projects';
import { useI18n } from '@/lib/i18n/react';
import { formatDate } from '@/lib/i18n/format';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/field';
import { Modal } from '@/components/ui/modal';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { SearchBox } from '@/components/ui/search-box';
import { EmptyState } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { MembersPanel } from './members-dialog';
import { ProjectCreateForm, ProjectEditForm } from './project-forms';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'members' | 'delete'; project: Project } | null;

const PAGE_SIZE = 50;

function manages(me: Me | undefined, p: Project): boolean {
  return me?.role === 'system_admin' || (me?.role === 'admin' && me.departmentId === p.departmentId);
}

export function ProjectsPage() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const me = useMe().data;
  const admin = isAdminRole(me?.role);
  const departments = useDepartments();
  const [departmentId, setDepartmentId] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useProjects({ departmentId, q, page, pageSize: PAGE_SIZE }, { keepPrevious: true });
  const data = query.data;
  const remove = useDeleteProject();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => {
    setDialog(null);
    remove.reset();
  };
  const depts = departments.data ?? [];

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={t('projects.subtitle')}
        actions={
          admin && depts.length > 0 ? (
            <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
              <Icon name="plus" className="size-4" />
              {t('projects.new')}
            </Button>
          ) : null
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3">
        <SearchBox
          id="project-search"
          label={t('common.searchByName')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
        />
        {depts.length > 1 ? (
          <div className="flex items-center gap-2">
            <label htmlFor="project-filter" className="text-sm font-medium whitespace-nowrap text-slate-700 dark:text-slate-300">
              {t('projects.filter')}
            </label>
            <Select
              id="project-filter"
              className="w-64! max-w-full"
              value={departmentId}
              onChange={(e) => {
                setDepartmentId(e.target.value);
                setPage(1);
              }}
            >
              <option value="">{t('projects.allDepartments')}</option>
              {depts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
      </div>
      <QueryState query={query}>
        {data?.total === 0 ? (
          <EmptyState icon="projects" title={q ? t('common.noMatch', { q }) : t('projects.empty')} />
        ) : (
          <>
            <Table label={t('projects.title')}>
              <thead>
                <tr>
                  <Th>{t('common.name')}</Th>
                  <Th>{t('common.department')}</Th>
                  <Th>{t('common.description')}</Th>
                  <Th>{t('common.created')}</Th>
                  {admin ? <Th className="text-right">{t('common.actions')}</Th> : null}
                </tr>
              </thead>
              <Tbody>
                {data?.items.map((p) => (
                  <tr key={p.id}>
                    <Td className="font-medium text-slate-900 dark:text-slate-100">{p.name}</Td>
                    <Td className="whitespace-nowrap">{p.departmentName}</Td>
                    <Td className="max-w-md">{p.description || t('common.none')}</Td>
                    <Td className="whitespace-nowrap">{formatDate(p.createdAt, locale)}</Td>
                    {admin ? (
                      <Td className="text-right whitespace-nowrap">
                        {manages(me, p) ? (
                          <div className="inline-flex gap-1.5">
                            <Button size="sm" aria-label={`${t('projects.members')} ${p.name}`} onClick={() => setDialog({ kind: 'members', project: p })}>
                              {t('projects.members')}
                            </Button>
                            <Button size="sm" aria-label={`${t('common.edit')} ${p.name}`} onClick={() => setDialog({ kind: 'edit', project: p })}>
                              {t('common.edit')}
                            </Button>
                            <Button size="sm" variant="dangerGhost" aria-label={`${t('common.delete')} ${p.name}`} onClick={() => setDialog({ kind: 'delete', project: p })}>
                              {t('common.delete')}
                            </Button>
                          </div>
                        ) : null}
                      </Td>
                    ) : null}
                  </tr>
                ))}
              </Tbody>
            </Table>
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={data?.total ?? 0}
              totalLabel={t('projects.total', { n: data?.total ?? 0 })}
              fetching={query.isFetching}
              onPage={setPage}
            />
          </>
        )}
      </QueryState>
      <Modal open={dialog?.kind === 'create'} title={t('projects.createTitle')} onClose={close} closeLabel={t('common.close')}>
        {dialog?.kind === 'create' ? (
          <ProjectCreateForm departments={depts} defaultDepartmentId={departmentId || me?.departmentId || depts[0]?.id || ''} onDone={close} />
        ) : null}
      </Modal>
      <Modal open={dialog?.kind === 'edit'} title={dialog?.kind === 'edit' ? t('projects.editTitle', { name: dialog.project.name }) : ''} onClose={close} closeLabel={t('common.close')}>
        {dialog?.kind === 'edit' ? <ProjectEditForm project={dialog.project} onDone={close} /> : null}
      </Modal>
      <Modal open={dialog?.kind === 'members'} wide title={dialog?.kind === 'members' ? t('projects.membersTitle', { name: dialog.project.name }) : ''} onClose={close} closeLabel={t('common.close')}>
        {dialog?.kind === 'members' ? <MembersPanel project={dialog.project} /> : null}
      </Modal>
      <ConfirmDialog
        open={dialog?.kind === 'delete'}
        title={t('projects.deleteTitle')}
        message={t('projects.deleteConfirm', { name: dialog?.kind === 'delete' ? dialog.project.name : '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error ? errorText(remove.error) : null}
        onConfirm={() =>
          dialog?.kind === 'delete' &&
          remove.mutate(dialog.project.id, {
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

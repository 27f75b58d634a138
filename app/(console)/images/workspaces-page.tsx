'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useCurrentProject } from '@/lib/client/current-project';
import { pageAfterDelete } from '@/lib/client/paging';
import { useDeleteWorkspaces, useSetWorkspacePublic, useWorkspaces, type Workspace } from '@/lib/client/use-images';
import { isAdminRole, useMe } from '@/lib/client/use-me';
import { formatDate } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { humanBytes } from '@/components/images/bytes';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';
import { Checkbox, Select } from '@/components/ui/field';
import { Modal, ModalActions } from '@/components/ui/modal';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { SearchBox } from '@/components/ui/search-box';
import { EmptyState, Notice } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { ImagesNav } from './images-nav';
import { WorkspaceCreateForm } from './workspace-create-form';

const PAGE_SIZE = 20;
type Scope = 'project' | 'all';

export function WorkspacesPage() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const me = useMe().data;
  const { project } = useCurrentProject();
  const [scope, setScope] = useState<Scope>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useWorkspaces({ page, pageSize: PAGE_SIZE, q, projectId: scope === 'project' ? project?.id : undefined });
  const data = query.data;
  const remove = useDeleteWorkspaces();
  const access = useSetWorkspacePublic();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Workspace | null>(null);
  const [force, setForce] = useState(false);
  const canWrite = me && me.role !== 'visitor';
  const close = () => {
    setDeleting(null);
    setForce(false);
    remove.reset();
  };

  return (
    <>
      <PageHeader
        title={t('images.workspaces.title')}
        subtitle={t('images.workspaces.subtitle')}
        actions={
          canWrite && project ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <Icon name="plus" className="size-4" />
              {t('images.workspaces.new')}
            </Button>
          ) : null
        }
      />
      <ImagesNav />
      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3">
        <SearchBox id="ws-search" label={t('common.searchByName')} onSearch={(v) => { setQ(v); setPage(1); }} />
        <div className="flex items-center gap-2">
          <label htmlFor="ws-scope" className="text-sm font-medium whitespace-nowrap text-slate-700 dark:text-slate-300">{t('images.workspaces.show')}</label>
          <Select id="ws-scope" className="w-64! max-w-full" value={scope} onChange={(e) => { setScope(e.target.value as Scope); setPage(1); }}>
            <option value="all">{t('images.workspaces.allVisible')}</option>
            <option value="project">{t('images.workspaces.ofProject', { project: project?.name ?? '' })}</option>
          </Select>
        </div>
      </div>
      <QueryState query={query}>
        {data?.total === 0 ? (
          <EmptyState icon="images" title={q ? t('common.noMatch', { q }) : t('images.workspaces.empty')} />
        ) : (
          <>
            <Table label={t('images.workspaces.title')}>
              <thead>
                <tr>
                  <Th>{t('common.name')}</Th>
                  <Th>{t('images.access')}</Th>
                  <Th>{t('images.project')}</Th>
                  <Th className="text-right">{t('images.workspaces.images')}</Th>
                  <Th className="text-right">{t('images.storageUsed')}</Th>
                  <Th>{t('common.created')}</Th>
                  {canWrite ? <Th className="text-right">{t('common.actions')}</Th> : null}
                </tr>
              </thead>
              <Tbody>
                {data?.harbor_projects.map((w) => {
                  const isPublic = w.public === 'true';
                  return (
                    <tr key={w.harbor_project_name}>
                      <Td className="font-medium">
                        <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/images/ws/${encodeURIComponent(w.harbor_project_name)}`}>
                          {w.harbor_project_name}
                        </Link>
                      </Td>
                      <Td>{isPublic ? <Badge tone="green">{t('images.public')}</Badge> : <Badge>{t('images.private')}</Badge>}</Td>
                      <Td className="whitespace-nowrap">
                        {w.domain_project_info.openstack_project_name ? `${w.domain_project_info.domain_name} / ${w.domain_project_info.openstack_project_name}` : t('images.system')}
                      </Td>
                      <Td className="text-right tabular-nums">{w.image_count}</Td>
                      <Td className="text-right whitespace-nowrap tabular-nums">{humanBytes(w.size)}</Td>
                      <Td className="whitespace-nowrap">{formatDate(w.creation_time, locale)}</Td>
                      {canWrite ? (
                        <Td className="text-right whitespace-nowrap">
                          <div className="inline-flex gap-1.5">
                            <Button
                              size="sm"
                              disabled={access.isPending}
                              aria-label={`${isPublic ? t('images.makePrivate') : t('images.makePublic')} ${w.harbor_project_name}`}
                              onClick={() => access.mutate({ name: w.harbor_project_name, public: !isPublic })}
                            >
                              {isPublic ? t('images.makePrivate') : t('images.makePublic')}
                            </Button>
                            <Button size="sm" variant="dangerGhost" aria-label={`${t('common.delete')} ${w.harbor_project_name}`} onClick={() => setDeleting(w)}>
                              {t('common.delete')}
                            </Button>
                          </div>
                        </Td>
                      ) : null}
                    </tr>
                  );
                })}
              </Tbody>
            </Table>
            {access.error ? <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">{errorText(access.error)}</p> : null}
            <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} totalLabel={t('images.workspaces.count', { n: data?.total ?? 0 })} fetching={query.isFetching} onPage={setPage} />
          </>
        )}
      </QueryState>
      <Modal open={creating} title={t('images.workspaces.new')} onClose={() => setCreating(false)} closeLabel={t('common.close')}>
        {creating && project ? <WorkspaceCreateForm projectId={project.id} projectName={project.name} onDone={() => setCreating(false)} /> : null}
      </Modal>
      <Modal open={deleting !== null} title={t('images.workspaces.deleteTitle')} onClose={close} closeLabel={t('common.close')}>
        {deleting ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700 dark:text-slate-300">
              {t('images.workspaces.deleteConfirm', { name: deleting.harbor_project_name, n: deleting.image_count })}
            </p>
            {deleting.image_count > 0 && isAdminRole(me?.role) ? (
              <Checkbox id="ws-force" label={t('images.workspaces.force')} checked={force} onChange={(e) => setForce(e.target.checked)} />
            ) : null}
            {remove.error ? <Notice>{errorText(remove.error)}</Notice> : null}
            <ModalActions>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button
                variant="danger"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate(
                    { names: [deleting.harbor_project_name], force },
                    { onSuccess: () => { setPage(pageAfterDelete(page, data?.harbor_projects.length)); close(); } },
                  )
                }
              >
                {remove.isPending ? t('common.deleting') : t('common.delete')}
              </Button>
            </ModalActions>
          </div>
        ) : null}
      </Modal>
    </>
  );
}

'use client';

import Link from 'next/link';
import { useCurrentProject } from '@/lib/client/current-project';
import { isAdminRole, useMe } from '@/lib/client/use-me';
import { useUsers } from '@/lib/client/use-users';
import { useT } from '@/lib/i18n/react';
import { Icon, type IconName } from '@/components/icons';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { Badge } from '@/components/ui/table';

function Stat({ icon, label, value, testId }: { icon: IconName; label: string; value: React.ReactNode; testId: string }) {
  return (
    <div className="flex items-start gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-sky-50 text-sky-700 dark:bg-sky-950/60 dark:text-sky-300">
        <Icon name={icon} className="size-5" />
      </span>
      <div className="min-w-0">
        <p className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</p>
        <p data-testid={testId} className="mt-0.5 truncate text-lg font-semibold text-slate-900 dark:text-slate-50">
          {value}
        </p>
      </div>
    </div>
  );
}

export function Overview() {
  const t = useT();
  const me = useMe().data;
  const admin = isAdminRole(me?.role);
  const current = useCurrentProject();
  // Only the count is shown: one row is enough to get the total.
  const users = useUsers({ pageSize: 1 }, { enabled: admin });
  const projects = current.projects;

  return (
    <>
      <PageHeader title={t('overview.title')} subtitle={me ? t('overview.welcome', { name: me.displayName || me.name }) : undefined} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <Stat icon="projects" testId="overview-project" label={t('overview.currentProject')} value={current.isLoading ? '…' : (current.project?.name ?? t('overview.noProject'))} />
        <Stat icon="departments" testId="overview-department" label={t('overview.department')} value={me?.departmentName ?? t('overview.noDepartment')} />
        <Stat icon="profile" testId="overview-role" label={t('overview.role')} value={me ? t(`roles.${me.role}`) : ''} />
        <Stat icon="overview" testId="overview-project-count" label={t('overview.projectCount')} value={current.isLoading ? '…' : current.total} />
        {admin ? (
          <Stat icon="users" testId="overview-user-count" label={t('overview.userCount')} value={users.data ? users.data.total : '…'} />
        ) : null}
      </div>
      <Card title={t('overview.yourProjects')} className="mt-6">
        <QueryState query={{ isPending: current.isLoading, error: null, refetch: () => undefined }}>
          {projects.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('overview.noProjectsHint')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {projects.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-4 py-2.5 first:pt-0 last:pb-0">
                  <div className="min-w-0">
                    <button
                      type="button"
                      onClick={() => current.choose(p.id)}
                      className="truncate text-sm font-medium text-slate-900 hover:text-sky-700 dark:text-slate-100 dark:hover:text-sky-300"
                    >
                      {p.name}
                    </button>
                    <p className="truncate text-xs text-slate-500 dark:text-slate-400">{p.description || p.departmentName}</p>
                  </div>
                  <div className="flex shrink-0 items-center gap-2">
                    <Badge>{p.departmentName}</Badge>
                    {current.project?.id === p.id ? <Badge tone="sky">{t('overview.currentProject')}</Badge> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {current.total > projects.length ? (
            <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">{t('shell.moreProjectsHint')}</p>
          ) : null}
        </QueryState>
        <div className="mt-4 border-t border-slate-100 pt-3 dark:border-slate-800">
          <Link href="/admin/projects" className="inline-flex items-center gap-1 text-sm font-medium text-sky-700 hover:underline dark:text-sky-300">
            {admin ? t('overview.manageProjects') : t('nav.projects')}
            <Icon name="chevronRight" className="size-4" />
          </Link>
        </div>
      </Card>
    </>
  );
}

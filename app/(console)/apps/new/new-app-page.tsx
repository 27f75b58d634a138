'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCurrentProject } from '@/lib/client/current-project';
import { useAppVersions } from '@/lib/client/use-apps';
import { useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import { AppForm } from '@/components/apps/app-form';
import { blankForm, formValuesOf } from '@/components/apps/format';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState, LoadingState, Notice } from '@/components/ui/states';

export function NewAppPage({ app }: { app: string | null }) {
  const t = useT();
  const router = useRouter();
  const me = useMe().data;
  const current = useCurrentProject();
  const project = current.project?.name ?? '';
  const versions = useAppVersions(project, app ?? '');
  const back = () => router.push(app ? `/apps/${encodeURIComponent(app)}` : '/apps');

  const crumbs = (
    <nav aria-label={t('apps.breadcrumb')} className="mb-4 text-sm text-slate-600 dark:text-slate-400">
      <Link href="/apps" className="text-sky-700 hover:underline dark:text-sky-400">{t('apps.title')}</Link>
      {app ? (
        <>
          <span aria-hidden> / </span>
          <Link href={`/apps/${encodeURIComponent(app)}`} className="text-sky-700 hover:underline dark:text-sky-400">{app}</Link>
        </>
      ) : null}
    </nav>
  );
  const title = app ? t('apps.form.titleVersion', { name: app }) : t('apps.form.titleNew');
  if (current.isLoading || !me) return <LoadingState label={t('common.loading')} />;
  if (me.role === 'visitor') {
    return (
      <>
        <PageHeader title={title} />
        {crumbs}
        <Notice tone="warning">{t('apps.visitorNote')}</Notice>
      </>
    );
  }
  if (!project) return <EmptyState icon="applications" title={t('apps.noProject')} />;
  if (!app) {
    return (
      <>
        <PageHeader title={title} subtitle={t('apps.subtitle')} />
        {crumbs}
        <AppForm initial={blankForm(project)} project={project} onCancel={back} />
      </>
    );
  }
  const latest = versions.data?.apps.find((v) => v.deployType !== 'chart');
  return (
    <>
      <PageHeader title={title} subtitle={latest ? t('apps.form.prefilled', { version: latest.version }) : undefined} />
      {crumbs}
      <QueryState query={versions}>
        {versions.data?.total === 0 ? (
          <EmptyState icon="applications" title={t('apps.detail.notFound', { name: app, project })} />
        ) : (
          <AppForm initial={latest ? formValuesOf(latest) : { ...blankForm(project), appName: app }} project={project} fixedName={app} onCancel={back} />
        )}
      </QueryState>
    </>
  );
}

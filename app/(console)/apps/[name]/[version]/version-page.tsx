'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useCurrentProject } from '@/lib/client/current-project';
import { useAppVersion, useAppVersions } from '@/lib/client/use-apps';
import { useMe } from '@/lib/client/use-me';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { AppCrumbs } from '@/components/apps/breadcrumbs';
import { ChartView } from '@/components/apps/chart-view';
import { DeleteVersionDialog } from '@/components/apps/delete-version-dialog';
import { deployHref } from '@/components/apps/deploy-link';
import { DeployTypeBadge } from '@/components/apps/deploy-type-badge';
import { specOfItem } from '@/components/apps/format';
import { VersionSpec } from '@/components/apps/version-spec';
import { YamlBlock, yamlOf } from '@/components/apps/yaml-preview';
import { Button, buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState, LoadingState } from '@/components/ui/states';

/** One version: its spec and the Kubernetes objects it produces, or a chart's metadata, values and templates. */
export function VersionPage({ name, version }: { name: string; version: string }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const me = useMe().data;
  const current = useCurrentProject();
  const project = current.project?.name ?? '';
  const versions = useAppVersions(project, name);
  const row = versions.data?.apps.find((v) => v.version === version) ?? null;
  const detail = useAppVersion(row?.id ?? null);
  const [deleting, setDeleting] = useState(false);
  const v = detail.data;
  const yaml = useMemo(() => (v && v.deployType !== 'chart' ? yamlOf(specOfItem(v), { appName: v.appName, version: v.version, namespace: project }) : ''), [v, project]);
  const canWrite = !!me && me.role !== 'visitor';

  if (current.isLoading) return <LoadingState label={t('common.loading')} />;
  return (
    <>
      <PageHeader
        title={`${name} ${version}`}
        subtitle={v ? `${t('apps.ofProject', { project })} · ${formatDateTime(new Date(v.createTime * 1000), locale)}` : undefined}
        actions={
          v ? (
            <>
              {canWrite ? <Button variant="dangerGhost" onClick={() => setDeleting(true)}>{t('apps.deleteVersion', { version })}</Button> : null}
              {canWrite ? <Link href={`/apps/new?app=${encodeURIComponent(name)}`} className={buttonClass('secondary')}>{t('apps.newVersion')}</Link> : null}
              {v.deployType !== 'chart' ? <Link href={deployHref(name, version)} className={buttonClass('primary')}>{t('apps.detail.deploy')}</Link> : null}
            </>
          ) : null
        }
      />
      <AppCrumbs label={t('apps.breadcrumb')} steps={[{ label: t('apps.title'), href: '/apps' }, { label: name, href: `/apps/${encodeURIComponent(name)}` }, { label: version }]} />
      <QueryState query={versions}>
        {!row ? (
          <EmptyState icon="applications" title={t('apps.detail.notFound', { name: `${name} ${version}`, project })} />
        ) : (
          <QueryState query={detail}>
            {v ? (
              <div className="space-y-6">
                <p><DeployTypeBadge type={v.deployType} /></p>
                {v.deployType === 'chart' ? (
                  <ChartView v={v} />
                ) : (
                  <div className="grid gap-6 xl:grid-cols-2">
                    <Card title={t('apps.detail.spec')}><VersionSpec v={v} /></Card>
                    <Card title={t('apps.detail.yaml')}>
                      <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">{t('apps.detail.yamlHint', { name, namespace: project })}</p>
                      <YamlBlock text={yaml} label={t('apps.detail.yaml')} />
                    </Card>
                  </div>
                )}
              </div>
            ) : null}
          </QueryState>
        )}
      </QueryState>
      <DeleteVersionDialog version={deleting ? row : null} onDone={() => router.push(`/apps/${encodeURIComponent(name)}`)} onClose={() => setDeleting(false)} />
    </>
  );
}

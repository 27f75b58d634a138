'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useCurrentProject } from '@/lib/client/current-project';
import { useAppVersions, type AppItem } from '@/lib/client/use-apps';
import { compareVersions } from '@/lib/catalog/version-compare';
import { useMe } from '@/lib/client/use-me';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { AppCrumbs } from '@/components/apps/breadcrumbs';
import { ChartUploadDialog } from '@/components/apps/chart-upload-dialog';
import { DeleteVersionDialog } from '@/components/apps/delete-version-dialog';
import { deployHref } from '@/components/apps/deploy-link';
import { DeployTypeBadge } from '@/components/apps/deploy-type-badge';
import { VersionDiff } from '@/components/apps/version-diff';
import { Icon } from '@/components/icons';
import { Button, buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState, LoadingState, Notice } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';

/** An application: its versions, highest first; tick two to compare; each opens its detail. */
export function AppPage({ name }: { name: string }) {
  const { t, locale } = useI18n();
  const me = useMe().data;
  const current = useCurrentProject();
  const project = current.project?.name ?? '';
  const versions = useAppVersions(project, name);
  const [picked, setPicked] = useState<number[]>([]);
  const [deleting, setDeleting] = useState<AppItem | null>(null);
  const [uploading, setUploading] = useState(false);
  const canWrite = !!me && me.role !== 'visitor';
  const rows = versions.data?.apps ?? [];
  // Lower version first in the diff, whichever was ticked first.
  const pair = rows.filter((v) => picked.includes(v.id)).sort((x, y) => compareVersions(x.version, y.version));
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));

  if (current.isLoading) return <LoadingState label={t('common.loading')} />;
  return (
    <>
      <PageHeader
        title={name}
        subtitle={t('apps.ofProject', { project })}
        actions={
          canWrite && rows.length > 0 ? (
            <>
              <Button onClick={() => setUploading(true)}>{t('apps.uploadChart')}</Button>
              <Link href={`/apps/new?app=${encodeURIComponent(name)}`} className={buttonClass('primary')}>
                <Icon name="plus" className="size-4" />
                {t('apps.newVersion')}
              </Link>
            </>
          ) : null
        }
      />
      <AppCrumbs label={t('apps.breadcrumb')} steps={[{ label: t('apps.title'), href: '/apps' }, { label: name }]} />
      <QueryState query={versions}>
        {rows.length === 0 ? (
          <EmptyState icon="applications" title={t('apps.detail.notFound', { name, project })} />
        ) : (
          <div className="space-y-6">
            <div>
              <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{t('apps.detail.versionsHint')}</p>
              <Table label={t('apps.detail.versionsTitle')}>
                <thead>
                  <tr>
                    <Th className="w-10"><span className="sr-only">{t('apps.detail.compare')}</span></Th>
                    <Th>{t('apps.form.version')}</Th>
                    <Th>{t('apps.deployType')}</Th>
                    <Th>{t('apps.image')}</Th>
                    <Th>{t('apps.created')}</Th>
                    <Th className="text-right">{t('common.actions')}</Th>
                  </tr>
                </thead>
                <Tbody>
                  {rows.map((v) => (
                    <tr key={v.id}>
                      <Td>
                        <input type="checkbox" className="size-4 accent-sky-700" aria-label={t('apps.detail.pick', { version: v.version })} checked={picked.includes(v.id)} onChange={() => toggle(v.id)} />
                      </Td>
                      <Td className="font-mono font-medium">
                        <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/apps/${encodeURIComponent(name)}/${encodeURIComponent(v.version)}`}>{v.version}</Link>
                      </Td>
                      <Td><DeployTypeBadge type={v.deployType} /></Td>
                      <Td className="max-w-xs truncate font-mono text-xs">{v.image || (v.chart ? `${v.chart.name}-${v.chart.version}` : t('common.none'))}</Td>
                      <Td className="whitespace-nowrap">{formatDateTime(new Date(v.createTime * 1000), locale)}</Td>
                      <Td className="text-right whitespace-nowrap">
                        {v.deployType !== 'chart' ? (
                          <Link className={buttonClass('ghost', 'sm')} href={deployHref(name, v.version)}>{t('apps.detail.deploy')}</Link>
                        ) : null}
                        {canWrite ? (
                          <Button size="sm" variant="dangerGhost" onClick={() => setDeleting(v)}>{t('apps.deleteVersion', { version: v.version })}</Button>
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </Tbody>
              </Table>
            </div>
            {pair.length === 2 ? <VersionDiff a={pair[0]} b={pair[1]} namespace={project} /> : picked.length === 1 ? <Notice tone="warning">{t('apps.diff.pickTwo')}</Notice> : null}
          </div>
        )}
      </QueryState>
      <DeleteVersionDialog version={deleting} onDone={() => setPicked((p) => p.filter((x) => x !== deleting?.id))} onClose={() => setDeleting(null)} />
      {uploading ? <ChartUploadDialog project={project} appName={name} onClose={() => setUploading(false)} /> : null}
    </>
  );
}

'use client';

import { useCurrentProject } from '@/lib/client/current-project';
import { useT } from '@/lib/i18n/react';
import type { IconName } from '@/components/icons';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, LoadingState } from '@/components/ui/states';

export type Area = 'images' | 'applications' | 'deployments' | 'auditQueue' | 'workloads' | 'pods' | 'namespaces' | 'config' | 'storage' | 'clusters';

/** A project area that later issues fill; until then it says what will appear here for this project. */
export function AreaPage({ area, icon }: { area: Area; icon: IconName }) {
  const t = useT();
  const { project, projects, isLoading } = useCurrentProject();
  const title = t(`areas.${area}.title`);
  return (
    <>
      <PageHeader title={title} subtitle={project ? `${t('shell.project')}: ${project.name} · ${project.departmentName}` : undefined} />
      {isLoading ? (
        <LoadingState label={t('common.loading')} />
      ) : (
        <EmptyState icon={icon} title={title}>
          {project
            ? t(`areas.${area}.empty`, { project: project.name })
            : projects.length === 0
              ? t('overview.noProjectsHint')
              : t('areas.noProject', { area: title })}
        </EmptyState>
      )}
    </>
  );
}

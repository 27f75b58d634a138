'use client';

import { useCurrentProject } from '@/lib/client/current-project';
import { useDeployOptions } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { RequestForm } from '@/components/deploy/request-form';

/** `/deployments/new?app=&version=`: the application pages link here with the version chosen. */
export function RequestDeploymentPage({ app, version }: { app: string; version: string }) {
  const { t } = useI18n();
  const { project } = useCurrentProject();
  const options = useDeployOptions(project?.name);
  return (
    <>
      <PageHeader title={t('deployForm.title')} subtitle={t('deployForm.subtitle')} />
      <Card className="max-w-2xl">
        <QueryState query={options}>
          {options.data ? <RequestForm key={options.data.project} options={options.data} app={app} version={version} /> : null}
        </QueryState>
      </Card>
    </>
  );
}

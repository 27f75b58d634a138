'use client';

import { useDeploymentPods } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';
import { QueryState } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { PodCounts } from './status';

/** Pods per cluster, read live (polled; faster while a rollout moves). */
export function PodsPanel({ id, moving }: { id: number; moving: boolean }) {
  const { t } = useI18n();
  const query = useDeploymentPods(id, true, moving);
  return (
    <QueryState query={query}>
      <div className="space-y-4">
        {query.data?.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('deployments.podsNone')}</p> : null}
        {query.data?.map((c) => (
          <section key={c.cluster} aria-label={c.cluster}>
            <h3 className="mb-2 flex items-center gap-3 text-sm font-semibold text-slate-900 dark:text-slate-100">
              {c.cluster} <PodCounts pods={c} />
            </h3>
            {c.error_message ? <Notice tone="warning">{t('deployments.clusterUnreadable', { cluster: c.cluster, message: c.error_message })}</Notice> : null}
            {c.pods.length ? (
              <Table label={t('deployments.podsTitle')}>
                <thead>
                  <tr>
                    <Th>{t('deployments.pod')}</Th>
                    <Th>{t('deployments.phase')}</Th>
                    <Th>{t('deployments.ready')}</Th>
                    <Th>{t('deployments.node')}</Th>
                    <Th>{t('deployments.restarts')}</Th>
                  </tr>
                </thead>
                <Tbody>
                  {c.pods.map((p) => (
                    <tr key={p.name}>
                      <Td className="font-mono text-xs">{p.name}</Td>
                      <Td>
                        <Badge tone={p.phase === 'Running' ? 'green' : p.phase === 'Failed' || p.reason ? 'red' : 'amber'}>{p.reason || p.phase}</Badge>
                      </Td>
                      <Td>{p.ready ? t('deployments.yes') : t('deployments.no')}</Td>
                      <Td className="font-mono text-xs">{p.node || t('common.none')}</Td>
                      <Td>{p.restarts}</Td>
                    </tr>
                  ))}
                </Tbody>
              </Table>
            ) : !c.error_message ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('deployments.podsNone')}</p> : null}
          </section>
        ))}
      </div>
    </QueryState>
  );
}

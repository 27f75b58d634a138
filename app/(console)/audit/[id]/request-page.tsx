'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useRequest } from '@/lib/client/use-deploy';
import { formatDateTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n/react';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { DecisionForm, type Outcome } from '@/components/audit/decision-form';
import { DiffView } from '@/components/deploy/diff-view';
import { DeployStatusBadge, useTypeText } from '@/components/deploy/status';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="col-span-2 break-words text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

/** One request: who asked for what, what approving it changes per cluster, and the decision. */
export function RequestPage({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const typeText = useTypeText();
  const query = useRequest(id);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const r = query.data?.request;
  return (
    <>
      <PageHeader
        title={r ? t('deployQueue.requestTitle', { id, type: typeText(r.type), name: r.deployName }) : t('deployQueue.request', { id })}
        actions={<Link href="/audit" className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">{t('deployQueue.back')}</Link>}
      />
      <QueryState query={query}>
        {r && query.data ? (
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="space-y-4 lg:col-span-1">
              <Card title={t('deployQueue.details')}>
                <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
                  <Row label={t('deployQueue.filterStatus')}><DeployStatusBadge status={r.status} /></Row>
                  <Row label={t('deploy.application')}>{r.appName}</Row>
                  <Row label={t('deploy.version')}>
                    <span className="font-mono">{r.fromVersion && r.type !== 4 ? t('deploy.versionFrom', { from: r.fromVersion, to: r.version }) : r.version}</span>
                  </Row>
                  <Row label={t('deployments.name')}>
                    <Link href={`/deployments/${r.deploymentSeq}`} className="font-mono text-sky-700 hover:underline dark:text-sky-400">{r.deployName}</Link>
                  </Row>
                  <Row label={t('deploy.project')}>{r.businessName}</Row>
                  <Row label={t('deploy.targets')}>{r.clusters.join(', ')}</Row>
                  <Row label={t('deploy.requester')}>{r.requestedBy}</Row>
                  <Row label={t('deploy.requested')}>{formatDateTime(r.createdAt, locale)}</Row>
                  <Row label={t('deploy.requestComment')}>{r.comment || <span className="text-slate-500">{t('deploy.noComment')}</span>}</Row>
                </dl>
              </Card>
              {outcome ? (
                <Notice tone={outcome === 'conflict' ? 'warning' : 'success'}>
                  {t(outcome === 'conflict' ? 'deployQueue.conflict' : outcome === 'approved' ? 'deployQueue.approvedNotice' : 'deployQueue.rejectedNotice')}
                </Notice>
              ) : null}
              {r.status === 0 ? (
                <DecisionForm id={id} onOutcome={setOutcome} />
              ) : (
                <Notice tone={r.status === 2 ? 'warning' : 'success'}>
                  {t('deployQueue.decidedAs', { status: t(`deploy.status.${r.status === 2 ? 2 : 1}` as MessageKey), who: r.decidedBy ?? '', when: formatDateTime(r.decidedAt, locale) })}
                  {r.auditComment ? <span className="mt-1 block">“{r.auditComment}”</span> : null}
                </Notice>
              )}
            </div>
            <div className="lg:col-span-2">
              <h2 className="mb-3 text-base font-semibold text-slate-900 dark:text-slate-100">{t('deployments.preview')}</h2>
              <DiffView diff={query.data.diff} />
            </div>
          </div>
        ) : null}
      </QueryState>
    </>
  );
}

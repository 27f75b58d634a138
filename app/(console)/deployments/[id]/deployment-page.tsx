'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useDeployment, type DeploymentDetail } from '@/lib/client/use-deploy';
import type { MessageKey } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { ChangeDialog, type ChangeKind } from '@/components/deploy/change-dialog';
import { PodsPanel } from '@/components/deploy/pods-panel';
import { DeployStatusBadge, PodCounts, TypeBadge, useTypeText } from '@/components/deploy/status';
import { Timeline } from '@/components/deploy/timeline';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="col-span-2 break-words text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

/** The latest request's decision, where the requester reads it. */
function DecisionBanner({ detail }: { detail: DeploymentDetail }) {
  const { t } = useI18n();
  const typeText = useTypeText();
  const last = detail.requests[detail.requests.length - 1];
  if (!last) return null;
  const vars = { who: last.decidedBy ?? '', type: typeText(last.type), version: last.version, comment: last.auditComment };
  if (last.status === 0) return <Notice tone="warning">{t('deployments.pendingBanner', vars)}</Notice>;
  if (last.status === 2) return <Notice tone="error">{t('deployments.rejectedBanner', vars)}</Notice>;
  return null;
}

export function DeploymentPage({ id }: { id: number }) {
  const { t } = useI18n();
  const query = useDeployment(id);
  const [dialog, setDialog] = useState<ChangeKind | null>(null);
  const [sent, setSent] = useState<{ id: number; status: number } | null>(null);
  const detail = query.data;
  const d = detail?.deployment;
  const moving = !!d && [1, 3, 4].includes(d.status);
  return (
    <>
      <PageHeader
        title={d ? d.name : t('deployments.title')}
        subtitle={d ? `${d.appName} · ${d.projectName}` : undefined}
        actions={d && !d.deletedAt ? (
          <div className="flex gap-2">
            <Button disabled={!d.editable} onClick={() => { setSent(null); setDialog('upgrade'); }}>{t('deployments.upgrade')}</Button>
            <Button disabled={!d.editable} onClick={() => { setSent(null); setDialog('rollback'); }}>{t('deployments.rollback')}</Button>
            <Button variant="dangerGhost" disabled={!d.editable} onClick={() => { setSent(null); setDialog('delete'); }}>{t('deployments.remove')}</Button>
          </div>
        ) : null}
      />
      <QueryState query={query}>
        {d && detail ? (
          <div className="space-y-6">
            {sent ? (
              <Notice tone="success">{t(sent.status === 0 ? 'deployments.sent' : 'deployments.sentApproved', { id: sent.id })}</Notice>
            ) : null}
            <DecisionBanner detail={detail} />
            <div className="grid gap-6 lg:grid-cols-3">
              <Card title={t('deployments.current')}>
                <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
                  <Row label={t('deploy.version')}><span className="font-mono" data-testid="current-version">{d.version}</span></Row>
                  <Row label={t('deployQueue.filterStatus')}>
                    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid="deployment-status"><TypeBadge type={d.deployType} /><DeployStatusBadge status={d.status} /></span>
                  </Row>
                  <Row label={t('deploy.pods')}><PodCounts pods={d.pods} /></Row>
                  <Row label={t('deployments.clusterRule')}>{d.cluster || t('deployments.allClusters')}</Row>
                  <Row label={t('deployments.nodeLabel')}>{d.nodeLabel || t('deployments.anyNode')}</Row>
                  <Row label={t('deployments.namespace')}><span className="font-mono">{d.namespace}</span></Row>
                  <Row label={t('deploy.auditComment')}>{d.auditComment || t('common.none')}</Row>
                  {d.history.length ? <Row label={t('deployments.history')}>{d.history.join(', ')}</Row> : null}
                </dl>
              </Card>
              <div className="lg:col-span-2">
                <Card title={t('deployments.podsTitle')}>
                  {d.deletedAt ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('deploy.status.9' as MessageKey)}</p> : <PodsPanel id={id} moving={moving} />}
                </Card>
              </div>
            </div>
            <Card title={t('deployments.timeline')}>
              <Timeline requests={detail.requests} />
            </Card>
            <p>
              <Link href="/deployments" className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">← {t('deployments.title')}</Link>
            </p>
          </div>
        ) : null}
      </QueryState>
      {dialog && d ? (
        <ChangeDialog
          id={id}
          name={d.name}
          kind={dialog}
          versions={dialog === 'rollback' ? detail!.rollbackTo : detail!.versions.map((v) => v.version).filter((v) => v !== d.version)}
          onClose={() => setDialog(null)}
          onSent={(requestId, status) => { setDialog(null); setSent({ id: requestId, status }); }}
        />
      ) : null}
    </>
  );
}

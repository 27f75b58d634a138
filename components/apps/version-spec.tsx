'use client';

import type { AppItem } from '@/lib/dialects/ote/app';
import { useT } from '@/lib/i18n/react';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_minmax(0,1fr)] gap-3 py-2">
      <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-mono text-sm break-all text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

/** A spec version's fields, CPU in cores as the API shows them. */
export function VersionSpec({ v }: { v: AppItem }) {
  const t = useT();
  const none = t('apps.detail.none');
  const yesNo = (b: boolean) => (b ? t('apps.detail.yes') : t('apps.detail.no'));
  const list = <T,>(items: T[], fmt: (x: T) => string) => (items.length ? items.map(fmt).join(', ') : none);
  return (
    <dl className="divide-y divide-slate-100 dark:divide-slate-800">
      <Row label={t('apps.form.deployType')}>{v.deployType}</Row>
      <Row label={t('apps.form.image')}>{v.image}</Row>
      <Row label={t('apps.form.repositoryId')}>{v.repositoryId || none}</Row>
      <Row label={t('apps.form.sections.ports')}>{list(v.port, (p) => (p.hostPort ? `${p.port} → ${p.hostPort}` : String(p.port)))}</Row>
      <Row label={t('apps.form.command')}>{v.command || none}</Row>
      <Row label={t('apps.form.sections.env')}>{list(v.env, (e) => `${e.name}=${e.value}`)}</Row>
      <Row label={t('apps.form.sections.volumes')}>{list(v.volume, (x) => `${x.hostPath} → ${x.path}${x.readOnly ? ' (ro)' : ''}`)}</Row>
      {v.deployType === 'deployment' ? (
        <>
          <Row label={t('apps.form.replicas')}>{`${v.replicas} (${v.minReplicas}–${v.maxReplicas})`}</Row>
          <Row label={t('apps.form.isHPA')}>{v.isHPA ? `${yesNo(true)} · CPU ${v.targetCPUUtilization}% · mem ${v.targetMemUtilization}%` : yesNo(false)}</Row>
        </>
      ) : null}
      <Row label="CPU">{`${v.minCPU}–${v.maxCPU} cores`}</Row>
      <Row label="Memory">{`${v.minMemory}–${v.maxMemory} MiB`}</Row>
      <Row label={t('apps.form.gpu')}>{v.GPU}</Row>
      <Row label={t('apps.form.sections.rollout')}>{`maxUnavailable ${v.maxUnavailable} · maxSurge ${v.maxSurge} · minReadySeconds ${v.minReadySeconds}`}</Row>
      <Row label={t('apps.form.sections.dependence')}>{list(v.dependence, (d) => `${d.name}: ${d.service}:${d.port}`)}</Row>
    </dl>
  );
}

'use client';

import type { WorkloadDetail } from '@/lib/client/use-workloads';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { Card } from '@/components/ui/page-header';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { LabelList } from '@/components/clusters/labels';
import { desiredOf } from '../workloads-list';
import { StatusBadge } from '../status-badge';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

export function OverviewTab({ detail }: { detail: WorkloadDetail }) {
  const { t, locale } = useI18n();
  const w = detail.workload;
  const s = w.workload_status;
  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <Card title={t('workloads.page.overview')}>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
          <Fact label={t('workloads.status')}><StatusBadge status={s.status} /></Fact>
          <Fact label={t('workloads.overview.ready')}><span data-testid="ready-replicas">{`${s.ready_replicas} / ${desiredOf(w)}`}</span></Fact>
          <Fact label={t('workloads.overview.available')}>{s.available_replicas}</Fact>
          <Fact label={t('workloads.overview.unavailable')}>{s.unavailable_replicas}</Fact>
          <Fact label={t('workloads.overview.created')}>{formatDateTime(s.creation_time, locale)}</Fact>
          <Fact label={t('workloads.overview.application')}>{s.owner || t('common.none')}</Fact>
        </dl>
      </Card>
      <Card title={t('workloads.images')}>
        <ul className="space-y-1.5 font-mono text-xs">
          {w.containers.map((c) => (
            <li key={c.name} className="flex flex-wrap items-center gap-2">
              <span className="font-sans text-sm font-medium">{c.name}</span>
              {c.type === 'init' ? <Badge>{t('workloads.forms.init')}</Badge> : null}
              <span className="break-all">{`${c.image.image}:${c.image.image_version}`}</span>
              {c.container_statuses ? <StatusBadge status={c.container_statuses} /> : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('workloads.overview.labels')}>
        <LabelList labels={w.labels ?? {}} empty={t('common.none')} />
      </Card>
      <Card title={t('workloads.overview.access')}>
        {(s.access_mode ?? []).length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t('workloads.overview.noAccess')}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {s.access_mode.map((m, i) => (
              <li key={m.name ?? i} className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{m.name}</span>
                <Badge tone="sky">{m.type}</Badge>
                <span className="font-mono text-xs">
                  {m.type === 'ExternalName' ? m.external_name : m.access.map((a) => `${a.port}${a.node_port ? `:${a.node_port}` : ''}→${a.target_port ?? a.port}/${a.protocol ?? 'TCP'}`).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="lg:col-span-2">
        <h2 className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">{t('workloads.overview.conditions')}</h2>
        {detail.conditions.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t('workloads.overview.noConditions')}</p>
        ) : (
          <Table label={t('workloads.overview.conditions')}>
            <thead>
              <tr>
                <Th>{t('workloads.type')}</Th>
                <Th>{t('workloads.status')}</Th>
                <Th>{t('workloads.overview.reason')}</Th>
                <Th>{t('workloads.overview.message')}</Th>
                <Th>{t('workloads.overview.updated')}</Th>
              </tr>
            </thead>
            <Tbody>
              {detail.conditions.map((c) => (
                <tr key={c.type}>
                  <Td className="font-medium">{c.type}</Td>
                  <Td><Badge tone={c.status === 'True' ? 'green' : c.status === 'False' ? 'red' : 'slate'}>{c.status}</Badge></Td>
                  <Td>{c.reason ?? ''}</Td>
                  <Td className="max-w-md">{c.message ?? ''}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(c.update_time, locale)}</Td>
                </tr>
              ))}
            </Tbody>
          </Table>
        )}
      </div>
    </div>
  );
}

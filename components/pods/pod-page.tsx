'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ApiError } from '@/lib/client/api';
import { usePod } from '@/lib/client/use-pod';
import { useI18n } from '@/lib/i18n/react';
import { formatDateTime } from '@/lib/i18n/format';
import { Button } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { LabelList } from '@/components/clusters/labels';
import { DeletePodDialog } from './delete-dialog';
import { LogPanel } from './log-panel';
import { PodStatusBadge } from './status-badge';
import type { StateView } from '@/lib/pods-console/detail';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
      {children}
    </section>
  );
}

export function PodPage({ cluster, namespace, name }: { cluster: string; namespace: string; name: string }) {
  const { t, locale } = useI18n();
  const query = usePod(cluster, namespace, name);
  const [deleting, setDeleting] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const d = query.data;
  const gone = query.error instanceof ApiError && query.error.status === 404;
  const dash = `/pods?${new URLSearchParams({ ...(cluster !== 'local' ? { cluster } : {}), namespace }).toString()}`;

  const stateText = (s: StateView | null) => {
    if (!s) return t('common.none');
    const parts = [t(`pods.states.${s.state}`)];
    if (s.reason) parts.push(s.reason);
    if (s.exitCode !== undefined) parts.push(t('pods.exitCode', { code: s.exitCode }));
    if (s.at) parts.push(t('pods.since', { at: formatDateTime(s.at, locale) }));
    return parts.join(' · ');
  };

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={dash} className="text-sky-700 hover:underline dark:text-sky-400">← {t('pods.back')}</Link>
      </nav>
      <PageHeader
        title={t('pods.detail', { name })}
        subtitle={`${t('pods.namespace')}: ${namespace} · ${t('pods.cluster')}: ${cluster}`}
        actions={d?.writable && !deleted ? <Button variant="danger" onClick={() => setDeleting(true)}>{t('pods.delete')}</Button> : null}
      />
      {deleted ? <div className="mb-4"><Notice tone="success">{t('pods.deleted', { name })}</Notice></div> : null}
      {gone ? (
        <Notice tone="warning">{t('pods.gone')}</Notice>
      ) : (
        <QueryState query={query}>
          {d ? (
            <div className="space-y-6">
              <div className="grid gap-4 md:grid-cols-4">
                <Card title={t('pods.status')}><div><PodStatusBadge status={d.row.status} group={d.row.group} /></div></Card>
                <Card title={t('pods.col.ready')}><div className="text-sm tabular-nums">{d.row.ready}</div></Card>
                <Card title={t('pods.col.restarts')}><div className="text-sm tabular-nums">{d.row.restarts}</div></Card>
                <Card title={t('pods.col.age')}><div className="text-sm">{formatDateTime(d.row.created, locale)}</div></Card>
              </div>

              <Card title={t('pods.overview')}>
                <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm md:grid-cols-[auto_1fr_auto_1fr]">
                  <dt className="text-slate-500 dark:text-slate-400">{t('pods.phase')}</dt><dd>{d.phase}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t('pods.workloadOf')}</dt><dd className="font-mono text-xs">{d.row.workload || t('common.none')}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t('pods.col.node')}</dt>
                  <dd>{d.row.node ? <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(d.row.node)}`}>{d.row.node}</Link> : t('common.none')}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t('pods.col.podIP')}</dt><dd className="font-mono text-xs">{d.row.podIP || t('common.none')}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t('pods.hostIP')}</dt><dd className="font-mono text-xs">{d.hostIP || t('common.none')}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t('pods.qos')}</dt><dd>{d.qosClass || t('common.none')}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t('pods.restartPolicy')}</dt><dd>{d.restartPolicy}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t('pods.created')}</dt><dd>{formatDateTime(d.row.created, locale)}</dd>
                </dl>
              </Card>

              <Section title={t('pods.containers')}>
                <Table label={t('pods.containers')}>
                  <thead>
                    <tr><Th>{t('common.name')}</Th><Th>{t('pods.type')}</Th><Th>{t('pods.image')}</Th><Th>{t('pods.state')}</Th><Th>{t('pods.col.ready')}</Th><Th>{t('pods.col.restarts')}</Th><Th>{t('pods.lastTermination')}</Th></tr>
                  </thead>
                  <Tbody>
                    {d.containers.map((c) => (
                      <tr key={`${c.type}-${c.name}`}>
                        <Td className="font-medium">{c.name}</Td>
                        <Td>{t(`pods.types.${c.type}`)}</Td>
                        <Td className="font-mono text-xs break-all">{c.image}</Td>
                        <Td>
                          <div>{stateText(c.state)}</div>
                          {c.state?.message ? <div className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{c.state.message}</div> : null}
                        </Td>
                        <Td><Badge tone={c.ready ? 'green' : 'amber'}>{c.ready ? t('pods.readyYes') : t('pods.readyNo')}</Badge></Td>
                        <Td className="tabular-nums">{c.restarts}</Td>
                        <Td>{c.lastTermination ? stateText(c.lastTermination) : t('common.none')}</Td>
                      </tr>
                    ))}
                  </Tbody>
                </Table>
              </Section>

              <Section title={t('pods.conditions')}>
                <Table label={t('pods.conditions')}>
                  <thead>
                    <tr><Th>{t('pods.type')}</Th><Th>{t('pods.status')}</Th><Th>{t('pods.reason')}</Th><Th>{t('pods.message')}</Th><Th>{t('pods.lastChange')}</Th></tr>
                  </thead>
                  <Tbody>
                    {d.conditions.map((c) => (
                      <tr key={c.type}>
                        <Td className="font-medium">{c.type}</Td>
                        <Td><Badge tone={c.status === 'True' ? 'green' : c.status === 'False' ? 'red' : 'amber'}>{c.status}</Badge></Td>
                        <Td>{c.reason}</Td>
                        <Td>{c.message}</Td>
                        <Td className="whitespace-nowrap">{formatDateTime(c.at, locale)}</Td>
                      </tr>
                    ))}
                  </Tbody>
                </Table>
              </Section>

              <Section title={t('pods.events')}>
                {d.events.length === 0 ? (
                  <p className="text-sm text-slate-500 dark:text-slate-400">{t('pods.noEvents')}</p>
                ) : (
                  <Table label={t('pods.events')}>
                    <thead>
                      <tr><Th>{t('pods.type')}</Th><Th>{t('pods.reason')}</Th><Th>{t('pods.message')}</Th><Th>{t('pods.count')}</Th><Th>{t('pods.source')}</Th><Th>{t('pods.last')}</Th></tr>
                    </thead>
                    <Tbody>
                      {d.events.map((e, i) => (
                        <tr key={`${e.reason}-${e.at}-${i}`}>
                          <Td><Badge tone={e.type === 'Warning' ? 'amber' : 'slate'}>{e.type}</Badge></Td>
                          <Td className="font-medium">{e.reason}</Td>
                          <Td>{e.message}</Td>
                          <Td className="tabular-nums">{e.count}</Td>
                          <Td>{e.source}</Td>
                          <Td className="whitespace-nowrap">{formatDateTime(e.at, locale)}</Td>
                        </tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
              </Section>

              <div className="grid gap-4 md:grid-cols-2">
                <Card title={t('pods.labels')}><div><LabelList labels={d.labels} empty={t('pods.none')} className="max-w-none" /></div></Card>
                <Card title={t('pods.annotations')}><div><LabelList labels={d.annotations} empty={t('pods.none')} className="max-w-none" /></div></Card>
              </div>

              <LogPanel cluster={cluster} namespace={namespace} name={name} containers={d.containers.map((c) => c.name)} />
            </div>
          ) : null}
        </QueryState>
      )}
      <DeletePodDialog open={deleting} cluster={cluster} namespace={namespace} name={name} onClose={() => setDeleting(false)} onDeleted={() => setDeleted(true)} />
    </>
  );
}

'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useClusters } from '@/lib/client/use-clusters';
import { useMarkNodeReady, useNode } from '@/lib/client/use-nodes';
import { useI18n } from '@/lib/i18n/react';
import { formatDateTime } from '@/lib/i18n/format';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { bytes, cores } from '@/components/clusters/format';
import { LabelList } from '@/components/clusters/labels';
import { NodeStatus, Usage } from '@/components/clusters/node-status';

export function NodePage({ cluster, node }: { cluster: string; node: string }) {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const query = useNode(cluster, node);
  const clusterView = useClusters().data?.find((c) => c.name === cluster);
  const mark = useMarkNodeReady(cluster);
  const [confirming, setConfirming] = useState(false);
  const mayMark = clusterView?.driver === 'simulated' && clusterView.manageable;
  const n = query.data;
  const close = () => {
    setConfirming(false);
    mark.reset();
  };

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={`/clusters/${encodeURIComponent(cluster)}`} className="text-sky-700 hover:underline dark:text-sky-400">← {t('nodes.back', { cluster })}</Link>
      </nav>
      <PageHeader
        title={t('nodes.detail', { name: node })}
        subtitle={n ? `${n.roles.join(', ') || t('nodes.none')} · ${n.version}` : undefined}
        actions={mayMark && n ? (
          n.ready === 'True' ? (
            <Button variant="danger" onClick={() => setConfirming(true)}>{t('nodes.markNotReady')}</Button>
          ) : (
            <Button variant="primary" disabled={mark.isPending} onClick={() => mark.mutate({ node, ready: true })}>{t('nodes.markReady')}</Button>
          )
        ) : null}
      />
      {mark.error && !confirming ? <div className="mb-4"><Notice>{errorText(mark.error)}</Notice></div> : null}
      <QueryState query={query}>
        {n ? (
          <div className="space-y-6">
            <div className="grid gap-4 md:grid-cols-4">
              <Card title={t('nodes.status')}><NodeStatus ready={n.ready} unschedulable={n.unschedulable} /></Card>
              <Card title={t('nodes.cpu')}><Usage used={n.requested.cpu} total={n.allocatable.cpu} text={`${cores(n.requested.cpu)} / ${cores(n.allocatable.cpu)} (${t('nodes.capacity')} ${cores(n.capacity.cpu)})`} /></Card>
              <Card title={t('nodes.memory')}><Usage used={n.requested.memory} total={n.allocatable.memory} text={`${bytes(n.requested.memory)} / ${bytes(n.allocatable.memory)} (${t('nodes.capacity')} ${bytes(n.capacity.memory)})`} /></Card>
              <Card title={t('nodes.pods')}><Usage used={n.podCount} total={n.allocatable.pods} text={`${n.podCount} / ${n.allocatable.pods}`} /></Card>
            </div>

            <section className="space-y-2">
              <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{t('nodes.conditions')}</h2>
              <Table label={t('nodes.conditions')}>
                <thead>
                  <tr><Th>{t('nodes.type')}</Th><Th>{t('nodes.status')}</Th><Th>{t('nodes.reason')}</Th><Th>{t('nodes.message')}</Th><Th>{t('nodes.since')}</Th></tr>
                </thead>
                <Tbody>
                  {n.conditions.map((c) => (
                    <tr key={c.type}>
                      <Td className="font-medium">{c.type}</Td>
                      <Td><Badge tone={(c.type === 'Ready') === (c.status === 'True') ? 'green' : 'red'}>{c.status}</Badge></Td>
                      <Td>{c.reason}</Td>
                      <Td>{c.message}</Td>
                      <Td className="whitespace-nowrap">{formatDateTime(c.lastTransitionTime, locale)}</Td>
                    </tr>
                  ))}
                </Tbody>
              </Table>
            </section>

            <div className="grid gap-4 md:grid-cols-3">
              <Card title={t('nodes.addresses')}>
                <ul className="space-y-1 text-sm">
                  {n.addresses.map((a) => <li key={`${a.type}-${a.address}`}><span className="text-slate-500 dark:text-slate-400">{a.type}</span> <span className="font-mono">{a.address}</span></li>)}
                </ul>
              </Card>
              <Card title={t('nodes.taints')}>
                {n.taints.length ? (
                  <ul className="space-y-1 font-mono text-xs">{n.taints.map((x) => <li key={`${x.key}-${x.effect}`}>{`${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}`}</li>)}</ul>
                ) : <span className="text-sm text-slate-500 dark:text-slate-400">{t('nodes.none')}</span>}
              </Card>
              <Card title={t('nodes.info')}>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                  {Object.entries(n.nodeInfo).filter(([k]) => !/ID$|UUID$/i.test(k)).map(([k, v]) => (
                    <div key={k} className="contents"><dt className="text-slate-500 dark:text-slate-400">{k}</dt><dd className="font-mono break-all">{v}</dd></div>
                  ))}
                </dl>
              </Card>
            </div>

            <Card title={t('nodes.labels')}><LabelList labels={n.labels} empty={t('nodes.none')} /></Card>

            <section className="space-y-2">
              <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{t('nodes.podsHere')} <Link href={`/pods?cluster=${encodeURIComponent(cluster)}&node=${encodeURIComponent(node)}`} className="ml-2 text-sm font-normal text-sky-700 hover:underline dark:text-sky-400">{t('pods.onNode')}</Link></h2>
              {!n.podsComplete ? <Notice tone="warning">{t('nodes.podsHidden')}</Notice> : null}
              {n.pods.length === 0 ? (
                <p className="text-sm text-slate-500 dark:text-slate-400">{t('nodes.noPods')}</p>
              ) : (
                <Table label={t('nodes.podsHere')}>
                  <thead>
                    <tr><Th>{t('nodes.namespace')}</Th><Th>{t('common.name')}</Th><Th>{t('nodes.phase')}</Th><Th>{t('nodes.ready')}</Th><Th>{t('nodes.restarts')}</Th><Th>{t('nodes.podIP')}</Th><Th>{t('common.created')}</Th></tr>
                  </thead>
                  <Tbody>
                    {n.pods.map((p) => (
                      <tr key={`${p.namespace}/${p.name}`}>
                        <Td>{p.namespace}</Td>
                        <Td className="font-medium">{p.name}</Td>
                        <Td><Badge tone={p.phase === 'Running' || p.phase === 'Succeeded' ? 'green' : p.phase === 'Failed' ? 'red' : 'amber'}>{p.phase}</Badge></Td>
                        <Td>{p.ready}</Td>
                        <Td>{p.restarts}</Td>
                        <Td className="font-mono text-xs">{p.podIP}</Td>
                        <Td className="whitespace-nowrap">{formatDateTime(p.createdAt, locale)}</Td>
                      </tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </section>

            <section className="space-y-2">
              <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{t('nodes.events')}</h2>
              {n.events.length === 0 ? (
                <p className="text-sm text-slate-500 dark:text-slate-400">{t('nodes.noEvents')}</p>
              ) : (
                <Table label={t('nodes.events')}>
                  <thead>
                    <tr><Th>{t('nodes.type')}</Th><Th>{t('nodes.reason')}</Th><Th>{t('nodes.message')}</Th><Th>{t('nodes.count')}</Th><Th>{t('nodes.last')}</Th></tr>
                  </thead>
                  <Tbody>
                    {n.events.map((e, i) => (
                      <tr key={`${e.reason}-${e.lastTimestamp}-${i}`}>
                        <Td><Badge tone={e.type === 'Warning' ? 'amber' : 'slate'}>{e.type}</Badge></Td>
                        <Td className="font-medium">{e.reason}</Td>
                        <Td>{e.message}</Td>
                        <Td>{e.count}</Td>
                        <Td className="whitespace-nowrap">{formatDateTime(e.lastTimestamp, locale)}</Td>
                      </tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </section>
          </div>
        ) : null}
      </QueryState>
      <ConfirmDialog
        open={confirming}
        title={t('nodes.markNotReadyTitle')}
        message={t('nodes.markNotReadyConfirm', { name: node })}
        confirmLabel={t('nodes.markNotReady')}
        pending={mark.isPending}
        error={mark.error ? errorText(mark.error) : null}
        onConfirm={() => mark.mutate({ node, ready: false }, { onSuccess: close })}
        onClose={close}
      />
    </>
  );
}

'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useWorkload, useWorkloadsLifecycle, isSettled, type Lifecycle, type WorkloadRef, type WorkloadType } from '@/lib/client/use-workloads';
import { useWorkloadsNamespace } from '@/lib/client/use-workloads-namespace';
import { ApiError } from '@/lib/client/api';
import { useMe } from '@/lib/client/use-me';
import { useT } from '@/lib/i18n/react';
import type { MessageKey } from '@/lib/i18n';
import { Button, buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState, Notice, Spinner } from '@/components/ui/states';
import { DeleteWorkloadsDialog } from './delete-dialog';
import { KIND_SEGMENT } from './kinds';
import { NamespaceGate } from './namespace-gate';
import { NamespacePicker } from './namespace-picker';
import { StatusBadge } from './status-badge';
import { Tabs } from './tabs';
import { OverviewTab } from './page/overview-tab';
import { PodsTab } from './page/pods-tab';
import { EventsTab } from './page/events-tab';
import { RevisionsTab } from './page/revisions-tab';
import { YamlTab } from './page/yaml-tab';
import { ScaleForm } from './actions/scale-form';
import { ContainersForm } from './actions/containers-form';
import { UpdateStrategyForm } from './actions/update-strategy-form';
import { AutoscaleForm } from './actions/autoscale-form';
import { NetworkForm } from './actions/network-form';
import { LabelsForm } from './actions/labels-form';
import { JsonAspectForm } from './actions/json-aspect-form';

const VIEW_TABS = ['overview', 'pods', 'events', 'revisions', 'yaml'] as const;
const ACTION_TABS = ['scale', 'containers', 'access', 'update', 'autoscale', 'scheduling', 'network', 'labels'] as const;
type Tab = (typeof VIEW_TABS)[number] | (typeof ACTION_TABS)[number];

/** A workload's page: what it is and how it runs, and one tab per change the API offers. */
export function WorkloadPage({ type, name }: { type: WorkloadType; name: string }) {
  const t = useT();
  const router = useRouter();
  const errorText = useErrorText();
  const ns = useWorkloadsNamespace();
  const me = useMe();
  const ref: WorkloadRef = { type, name };
  const detail = useWorkload(ns.current, ref, ns.ready);
  const lifecycle = useWorkloadsLifecycle();
  const [tab, setTab] = useState<Tab>('overview');
  const [deleting, setDeleting] = useState(false);
  const w = detail.data?.workload;
  const stopped = w?.workload_status.status === 'Stopped';
  const tabs = [...VIEW_TABS, ...ACTION_TABS].filter((x) => !(type === 'DaemonSet' && (x === 'scale' || x === 'autoscale')));
  const missing = detail.error instanceof ApiError && detail.error.status === 404;

  const act = (action: Lifecycle) => lifecycle.mutate({ action, refs: [ref] });

  return (
    <>
      <div className="mb-2 text-sm">
        <Link href="/workloads" className="text-sky-700 hover:underline dark:text-sky-400">{`← ${t('workloads.back')}`}</Link>
      </div>
      <PageHeader
        title={name}
        subtitle={`${t(`workloads.kinds.${type}`)}${ns.current ? ` · ${ns.current.namespace} · ${ns.current.cluster}` : ''}`}
        actions={(
          <>
            <NamespacePicker ns={ns} />
            {w ? (
              <>
                <Link href={`/workloads/${KIND_SEGMENT[type]}/${encodeURIComponent(name)}/edit`} className={buttonClass('secondary')}>{t('workloads.edit')}</Link>
                {(['start', 'stop', 'recreate'] as const).map((a) => (
                  // Start only what is stopped, stop only what is not: the other one would change nothing.
                  <Button key={a} disabled={lifecycle.isPending || (a === 'start' && !stopped) || (a === 'stop' && stopped)} onClick={() => act(a)}>{t(`workloads.${a}`)}</Button>
                ))}
                <Button variant="danger" onClick={() => setDeleting(true)}>{t('workloads.delete')}</Button>
              </>
            ) : null}
          </>
        )}
      />
      <NamespaceGate ns={ns}>
        {missing ? (
          <EmptyState icon="workloads" title={t('workloads.notFound', { kind: type, name })} />
        ) : (
          <QueryState query={detail}>
            {w ? (
              <>
                <div className="mb-4 flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
                  <StatusBadge status={w.workload_status.status} />
                  {!isSettled(w) ? (
                    <span className="inline-flex items-center gap-1.5" role="status"><Spinner className="size-3.5" />{t('workloads.live')}</span>
                  ) : null}
                </div>
                {lifecycle.error ? <div className="mb-3"><Notice>{errorText(lifecycle.error)}</Notice></div> : null}
                <div className="mb-5">
                  <Tabs
                    label={name}
                    value={tab}
                    onChange={(v) => setTab(v as Tab)}
                    items={tabs.map((x) => ({ value: x, label: t(`workloads.page.${x}` as MessageKey) }))}
                  />
                </div>
                {tab === 'overview' ? <OverviewTab detail={detail.data!} /> : null}
                {tab === 'pods' ? <PodsTab pods={w.Pods_status ?? []} namespace={ns.current?.namespace ?? ''} cluster={ns.current?.cluster ?? 'local'} workload={name} /> : null}
                {tab === 'events' ? <EventsTab events={detail.data!.events} /> : null}
                {tab === 'revisions' ? <RevisionsTab ns={ns.current} workload={ref} revisions={detail.data!.revisions} /> : null}
                {tab === 'yaml' ? <YamlTab ns={ns.current} workload={ref} readOnly={me.data?.role === 'visitor'} /> : null}
                {tab === 'scale' ? <ScaleForm workload={ref} view={w} /> : null}
                {tab === 'containers' ? <ContainersForm workload={ref} view={w} /> : null}
                {tab === 'access' ? <JsonAspectForm workload={ref} action="access_modes" value={w.access_mode ?? []} /> : null}
                {tab === 'update' ? <UpdateStrategyForm workload={ref} view={w} /> : null}
                {tab === 'autoscale' ? <AutoscaleForm workload={ref} view={w} /> : null}
                {tab === 'scheduling' ? <JsonAspectForm workload={ref} action="scheduler_strategy" value={w.scheduler_strategy ?? []} /> : null}
                {tab === 'network' ? <NetworkForm workload={ref} view={w} /> : null}
                {tab === 'labels' ? <LabelsForm workload={ref} view={w} /> : null}
              </>
            ) : null}
          </QueryState>
        )}
      </NamespaceGate>
      <DeleteWorkloadsDialog refs={deleting ? [ref] : []} onClose={() => setDeleting(false)} onDeleted={() => router.push('/workloads')} />
    </>
  );
}

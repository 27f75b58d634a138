'use client';

import { hashKey } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useClusters } from '@/lib/client/use-clusters';
import { useCurrentProject } from '@/lib/client/current-project';
import { useNodes } from '@/lib/client/use-nodes';
import { usePodPages, usePodScopeChoices, usePodStream, usePods, type PodQuery } from '@/lib/client/use-pods';
import { pendingRows } from '@/lib/pods-console/apply';
import { dashboardPodQuery } from '@/lib/pods-console/dashboard-url';
import type { DashboardFirstView } from '@/lib/pods-console/first-view';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState, Notice } from '@/components/ui/states';
import { PodCountCards } from './counts';
import { FilterInput } from './filter-input';
import { PodTable } from './pod-table';
import { useDashboardUrl, type Scope } from './use-dashboard-url';

const STATUSES = ['Running', 'Pending', 'Succeeded', 'Failed', 'Terminating', 'ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff', 'Unknown'];
const NO_QUERY: PodQuery = {};
const label = 'block text-xs font-medium text-slate-600 dark:text-slate-400';

/**
 * Ages are relative: a tick every 15 s keeps them honest without re-rendering per second.
 * Starts at the server's clock when the page was rendered there, so the first render matches its HTML.
 */
function useNow(initial?: number, ms = 15_000) {
  const [now, setNow] = useState(() => initial ?? Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** `initial`: what the server resolved while rendering the page (first-view.ts); the dashboard starts from it when it asks the same. */
export function PodsDashboard({ initial }: { initial?: DashboardFirstView | null }) {
  const t = useT();
  const errorText = useErrorText();
  const [url, setUrl] = useDashboardUrl();
  const clusters = useClusters();
  const cluster = url.cluster ?? initial?.cluster ?? (clusters.data?.find((c) => c.name === 'local') ?? clusters.data?.[0])?.name;
  const fromServer = initial && initial.cluster === cluster ? initial : undefined;
  const choices = usePodScopeChoices(cluster ?? '', fromServer?.choices ?? undefined, fromServer?.now);
  const { project } = useCurrentProject();
  const namespaces = choices.data?.namespaces ?? [];
  // The current namespace: the URL's, else the one "switch namespace" chose, else the current project's namesake, else the first.
  const namespace = url.scope === 'namespace'
    ? url.namespace ?? choices.data?.current ?? (project && namespaces.includes(project.name) ? project.name : namespaces[0])
    : undefined;
  // Only for the node picker: polled every 5 s, its timers and their React work sat in long animation frames mid-scroll.
  const nodes = useNodes(cluster ?? '', url.scope === 'node');
  // null until the scope has what it needs (a namespace, a node); the hooks then wait (NO_QUERY, not enabled).
  const query = useMemo(() => dashboardPodQuery(url, namespace) ?? NO_QUERY, [namespace, url]);
  const ready = !!cluster && query !== NO_QUERY;
  const initialList = fromServer?.query && fromServer.list && hashKey([fromServer.query]) === hashKey([query]) ? fromServer.list : undefined;
  const list = usePods(cluster ?? '', query, ready, initialList);
  const live = usePodStream(cluster ?? '', query, ready ? list.data?.resourceVersion : undefined);
  usePodPages(cluster ?? '', query, ready ? list.data?.next : undefined);
  const pending = list.data ? pendingRows(list.data) : 0;
  const now = useNow(initial?.now);
  const filtered = !!(url.group || url.status || url.workload || url.label || url.q);

  const setScope = (scope: Scope) => setUrl({ scope: scope === 'namespace' ? undefined : scope, node: scope === 'node' ? url.node : undefined });
  const liveText = live === 'live' ? t('pods.live') : live === 'reconnecting' ? t('pods.reconnecting') : t('pods.connecting');

  return (
    <>
      <PageHeader
        title={t('pods.title')}
        subtitle={t('pods.subtitle')}
        actions={list.data ? (
          <span data-testid="live-state" data-state={live} className="inline-flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <span className={`size-2 rounded-full ${live === 'live' ? 'bg-emerald-500' : 'bg-amber-500 motion-safe:animate-pulse'}`} aria-hidden />
            {liveText}
          </span>
        ) : null}
      />
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          {(clusters.data?.length ?? 0) > 1 ? (
            <div className="space-y-1">
              <label htmlFor="pods-cluster" className={label}>{t('pods.cluster')}</label>
              <Select id="pods-cluster" value={cluster ?? ''} onChange={(e) => setUrl({ cluster: e.target.value, namespace: undefined, node: undefined })}>
                {clusters.data?.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
              </Select>
            </div>
          ) : null}
          <div className="space-y-1">
            <span id="pods-scope" className={label}>{t('pods.scope')}</span>
            <div role="radiogroup" aria-labelledby="pods-scope" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm dark:border-slate-700 dark:bg-slate-900">
              {(['namespace', 'cluster', 'node'] as const).map((s) => (
                <button
                  key={s}
                  type="button"
                  role="radio"
                  aria-checked={url.scope === s}
                  onClick={() => setScope(s)}
                  className={`rounded px-3 py-1.5 text-sm font-medium ${url.scope === s ? 'bg-sky-700 text-white dark:bg-sky-600' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
                >
                  {t(`pods.scopes.${s}`)}
                </button>
              ))}
            </div>
          </div>
          {url.scope === 'namespace' ? (
            <div className="space-y-1">
              <label htmlFor="pods-namespace" className={label}>{t('pods.namespace')}</label>
              <Select id="pods-namespace" value={namespace ?? ''} onChange={(e) => setUrl({ namespace: e.target.value })} disabled={!namespaces.length}>
                {namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
              </Select>
            </div>
          ) : null}
          {url.scope === 'node' ? (
            <div className="space-y-1">
              <label htmlFor="pods-node" className={label}>{t('pods.node')}</label>
              <Select id="pods-node" value={url.node ?? ''} onChange={(e) => setUrl({ scope: 'node', node: e.target.value })}>
                <option value="">{t('pods.chooseNode')}</option>
                {url.node && !nodes.data?.items.some((n) => n.name === url.node) ? <option value={url.node}>{url.node}</option> : null}
                {nodes.data?.items.map((n) => <option key={n.name} value={n.name}>{n.name}</option>)}
              </Select>
            </div>
          ) : null}
        </div>

        {choices.error ? <Notice>{errorText(choices.error)}</Notice> : null}
        {url.scope === 'namespace' && choices.data && !namespaces.length ? <Notice tone="warning">{t('pods.noNamespaces')}</Notice> : null}

        <PodCountCards counts={list.data?.counts} group={url.group} onGroup={(group) => setUrl({ group })} />

        <div className="flex flex-wrap items-end gap-3">
          <div className="space-y-1">
            <label htmlFor="pods-status" className={label}>{t('pods.status')}</label>
            <Select id="pods-status" value={url.status ?? ''} onChange={(e) => setUrl({ status: e.target.value })}>
              <option value="">{t('pods.anyStatus')}</option>
              {url.status && !STATUSES.includes(url.status) ? <option value={url.status}>{url.status}</option> : null}
              {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
            </Select>
          </div>
          <FilterInput id="pods-workload" label={t('pods.workload')} placeholder={t('pods.workloadHint')} value={url.workload ?? ''} onChange={(workload) => setUrl({ workload })} className="w-48" />
          <FilterInput id="pods-label" label={t('pods.label')} placeholder={t('pods.labelHint')} value={url.label ?? ''} onChange={(l) => setUrl({ label: l })} className="w-56" />
          <FilterInput id="pods-q" label={t('pods.search')} value={url.q ?? ''} onChange={(q) => setUrl({ q })} className="w-56" />
          {filtered ? <Button variant="ghost" onClick={() => setUrl({ group: undefined, status: undefined, workload: undefined, label: undefined, q: undefined })}>{t('pods.clear')}</Button> : null}
          {list.data ? (
            <span className="ml-auto text-sm text-slate-600 tabular-nums dark:text-slate-400" data-testid="pods-shown" data-loading={pending > 0 || undefined}>
              {t('pods.shown', { shown: list.data.items.length + pending, total: list.data.counts.total })}
            </span>
          ) : null}
        </div>

        {list.data?.stale ? <Notice tone="warning">{t('pods.stale')}</Notice> : null}
        {ready ? (
          <QueryState query={list}>
            {list.data && list.data.items.length === 0 ? (
              <EmptyState icon="pods" title={filtered ? t('pods.emptyFiltered') : t('pods.empty')} />
            ) : list.data ? (
              <PodTable cluster={cluster!} rows={list.data.items} pending={pending} showNamespace={url.scope !== 'namespace'} now={now} label={t('pods.title')} />
            ) : null}
          </QueryState>
        ) : null}
      </div>
    </>
  );
}

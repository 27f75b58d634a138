'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import {
  useWorkloadList, useWorkloadsLifecycle, type Lifecycle, type WorkloadRef, type WorkloadType, type WorkloadView,
} from '@/lib/client/use-workloads';
import { useWorkloadsNamespace } from '@/lib/client/use-workloads-namespace';
import { WORKLOAD_TYPES } from '@/lib/dialects/ecns/workloads';
import { useT } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { Button, buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { SearchBox } from '@/components/ui/search-box';
import { EmptyState, Notice } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { DeleteWorkloadsDialog } from './delete-dialog';
import { age } from './format';
import { workloadHref } from './kinds';
import { NamespaceGate } from './namespace-gate';
import { NamespacePicker } from './namespace-picker';
import { StatusBadge } from './status-badge';
import { Tabs } from './tabs';

const PAGE_SIZE = 20;
/** The API has no name filter: a search reads the largest page the API gives and filters it here. */
const SEARCH_SIZE = 500;

const keyOf = (r: WorkloadRef) => `${r.type}/${r.name}`;
const refOf = (w: WorkloadView): WorkloadRef => ({ name: w.workload_base.name, type: w.workload_base.type });

export function desiredOf(w: WorkloadView): number {
  return w.workload_base.replicas ?? w.workload_status.available_replicas + w.workload_status.unavailable_replicas;
}

export function WorkloadsList() {
  const t = useT();
  const errorText = useErrorText();
  const ns = useWorkloadsNamespace();
  const [type, setType] = useState<WorkloadType | 'all'>('all');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<Map<string, WorkloadRef>>(new Map());
  const [deleting, setDeleting] = useState<WorkloadRef[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const lifecycle = useWorkloadsLifecycle();
  const searching = q !== '';
  const list = useWorkloadList(ns.current, { page: searching ? 1 : page, pageSize: searching ? SEARCH_SIZE : PAGE_SIZE, type: type === 'all' ? undefined : type }, ns.ready);

  const rows = useMemo(() => {
    const all = list.data?.workloads ?? [];
    if (!searching) return all;
    const needle = q.toLowerCase();
    return all.filter((w) => w.workload_base.name.toLowerCase().includes(needle)).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  }, [list.data, searching, q, page]);
  const matched = searching ? (list.data?.workloads ?? []).filter((w) => w.workload_base.name.toLowerCase().includes(q.toLowerCase())).length : list.data?.total ?? 0;
  const now = new Date();
  const refs = [...selected.values()];
  const allOnPage = rows.length > 0 && rows.every((w) => selected.has(keyOf(refOf(w))));

  const toggle = (r: WorkloadRef, on: boolean) => setSelected((s) => {
    const next = new Map(s);
    if (on) next.set(keyOf(r), r);
    else next.delete(keyOf(r));
    return next;
  });
  const act = (action: Lifecycle) => {
    setDone(null);
    lifecycle.mutate({ action, refs }, { onSuccess: () => setDone(t('workloads.done', { action: t(`workloads.${action}`), count: refs.length })) });
  };
  const changeType = (next: WorkloadType | 'all') => {
    setType(next);
    setPage(1);
    setSelected(new Map());
  };

  return (
    <>
      <PageHeader
        title={t('workloads.title')}
        subtitle={ns.current ? t('workloads.subtitle', { namespace: ns.current.namespace, cluster: ns.current.cluster }) : undefined}
        actions={(
          <>
            <NamespacePicker ns={ns} />
            <Link href="/workloads/applications" className={buttonClass('secondary')}>{t('workloads.applications')}</Link>
            <Link href="/workloads/new" className={buttonClass('primary')}>
              <Icon name="plus" className="size-4" />
              {t('workloads.create')}
            </Link>
          </>
        )}
      />
      <NamespaceGate ns={ns}>
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <Tabs
            label={t('workloads.type')}
            value={type}
            onChange={(v) => changeType(v as WorkloadType | 'all')}
            items={[{ value: 'all', label: t('workloads.tabs.all') }, ...WORKLOAD_TYPES.map((k) => ({ value: k, label: t(`workloads.tabs.${k}`) }))]}
          />
          <SearchBox id="workload-search" label={t('workloads.search')} onSearch={(v) => { setQ(v); setPage(1); }} />
        </div>
        <div className="mb-3 flex min-h-9 flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600 dark:text-slate-400">{t('workloads.selected', { count: refs.length })}</span>
          {(['start', 'stop', 'recreate'] as const).map((a) => (
            <Button key={a} size="sm" disabled={!refs.length || lifecycle.isPending} onClick={() => act(a)}>{t(`workloads.${a}`)}</Button>
          ))}
          <Button size="sm" variant="dangerGhost" disabled={!refs.length} onClick={() => setDeleting(refs)}>{t('workloads.delete')}</Button>
        </div>
        {lifecycle.error ? <div className="mb-3"><Notice>{errorText(lifecycle.error)}</Notice></div> : null}
        {done ? <div className="mb-3"><Notice tone="success">{done}</Notice></div> : null}
        <QueryState query={list}>
          {rows.length === 0 ? (
            <EmptyState icon="workloads" title={searching ? t('workloads.noMatch', { q }) : t('workloads.empty')} />
          ) : (
            <Table label={t('workloads.title')}>
              <thead>
                <tr>
                  <Th className="w-10">
                    <input
                      type="checkbox"
                      aria-label={t('workloads.selectAll')}
                      className="size-4 accent-sky-700"
                      checked={allOnPage}
                      onChange={(e) => rows.forEach((w) => toggle(refOf(w), e.target.checked))}
                    />
                  </Th>
                  <Th>{t('common.name')}</Th>
                  <Th>{t('workloads.type')}</Th>
                  <Th>{t('workloads.status')}</Th>
                  <Th>{t('workloads.replicas')}</Th>
                  <Th>{t('workloads.images')}</Th>
                  <Th>{t('workloads.age')}</Th>
                </tr>
              </thead>
              <Tbody>
                {rows.map((w) => {
                  const r = refOf(w);
                  return (
                    <tr key={keyOf(r)}>
                      <Td>
                        <input
                          type="checkbox"
                          aria-label={t('workloads.select', { name: r.name })}
                          className="size-4 accent-sky-700"
                          checked={selected.has(keyOf(r))}
                          onChange={(e) => toggle(r, e.target.checked)}
                        />
                      </Td>
                      <Td className="font-medium whitespace-nowrap">
                        <Link href={workloadHref(r)} className="text-sky-700 hover:underline dark:text-sky-400">{r.name}</Link>
                      </Td>
                      <Td className="whitespace-nowrap">{t(`workloads.kinds.${r.type}`)}</Td>
                      <Td><StatusBadge status={w.workload_status.status} /></Td>
                      <Td className="tabular-nums">{`${w.workload_status.ready_replicas} / ${desiredOf(w)}`}</Td>
                      <Td className="max-w-72">
                        <ul className="space-y-0.5 font-mono text-xs">
                          {w.workload_status.images.map((img, i) => <li key={i} className="truncate" title={img}>{img}</li>)}
                        </ul>
                      </Td>
                      <Td className="whitespace-nowrap tabular-nums" ><span title={w.workload_status.creation_time}>{age(w.workload_status.creation_time, now)}</span></Td>
                    </tr>
                  );
                })}
              </Tbody>
            </Table>
          )}
          {searching && (list.data?.total ?? 0) > SEARCH_SIZE ? <p className="mt-2 text-xs text-slate-500">{t('workloads.searchLimited', { count: SEARCH_SIZE })}</p> : null}
          <Pager page={page} pageSize={PAGE_SIZE} total={matched} totalLabel={t('workloads.total', { count: matched })} fetching={list.isFetching} onPage={setPage} />
        </QueryState>
      </NamespaceGate>
      <DeleteWorkloadsDialog
        refs={deleting}
        onClose={() => setDeleting([])}
        onDeleted={() => {
          setDeleting([]);
          setSelected(new Map());
        }}
      />
    </>
  );
}

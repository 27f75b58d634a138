'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useApplications, useApplicationsAction } from '@/lib/client/use-ecns-applications';
import { useWorkloadsNamespace } from '@/lib/client/use-workloads-namespace';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState, Notice } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { NamespaceGate } from '../namespace-gate';
import { NamespacePicker } from '../namespace-picker';
import { StatusBadge } from '../status-badge';
import { AppStatusBadge } from './app-status-badge';
import { DeleteApplicationsDialog } from './delete-applications-dialog';

const PAGE_SIZE = 20;

export function ApplicationsList() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const ns = useWorkloadsNamespace();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [deleting, setDeleting] = useState<string[]>([]);
  const list = useApplications(ns.current, { page, pageSize: PAGE_SIZE }, ns.ready);
  const action = useApplicationsAction();
  const rows = list.data?.applications_info ?? [];
  const names = [...selected];
  const toggle = (name: string, on: boolean) => setSelected((s) => {
    const next = new Set(s);
    if (on) next.add(name);
    else next.delete(name);
    return next;
  });
  return (
    <>
      <div className="mb-2 text-sm">
        <Link href="/workloads" className="text-sky-700 hover:underline dark:text-sky-400">{`← ${t('workloads.back')}`}</Link>
      </div>
      <PageHeader
        title={t('ecnsApps.title')}
        subtitle={ns.current ? t('ecnsApps.subtitle', { namespace: ns.current.namespace, cluster: ns.current.cluster }) : undefined}
        actions={<NamespacePicker ns={ns} />}
      />
      <NamespaceGate ns={ns}>
        <div className="mb-3 flex min-h-9 flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600 dark:text-slate-400">{t('workloads.selected', { count: names.length })}</span>
          <Button size="sm" disabled={!names.length || action.isPending} onClick={() => action.mutate({ action: 'start', names })}>{t('workloads.start')}</Button>
          <Button size="sm" disabled={!names.length || action.isPending} onClick={() => action.mutate({ action: 'recreate', names })}>{t('workloads.recreate')}</Button>
          <Button size="sm" variant="dangerGhost" disabled={!names.length} onClick={() => setDeleting(names)}>{t('workloads.delete')}</Button>
        </div>
        {action.error ? <div className="mb-3"><Notice>{errorText(action.error)}</Notice></div> : null}
        <QueryState query={list}>
          {rows.length === 0 ? (
            <EmptyState icon="applications" title={t('ecnsApps.empty')} />
          ) : (
            <Table label={t('ecnsApps.title')}>
              <thead>
                <tr>
                  <Th className="w-10">
                    <input
                      type="checkbox"
                      aria-label={t('ecnsApps.selectAll')}
                      className="size-4 accent-sky-700"
                      checked={rows.every((a) => selected.has(a.application.name))}
                      onChange={(e) => rows.forEach((a) => toggle(a.application.name, e.target.checked))}
                    />
                  </Th>
                  <Th>{t('common.name')}</Th>
                  <Th>{t('ecnsApps.status')}</Th>
                  <Th>{t('ecnsApps.workloads')}</Th>
                  <Th>{t('ecnsApps.description')}</Th>
                  <Th>{t('ecnsApps.created')}</Th>
                </tr>
              </thead>
              <Tbody>
                {rows.map((a) => (
                  <tr key={a.application.name}>
                    <Td>
                      <input
                        type="checkbox"
                        aria-label={t('ecnsApps.select', { name: a.application.name })}
                        className="size-4 accent-sky-700"
                        checked={selected.has(a.application.name)}
                        onChange={(e) => toggle(a.application.name, e.target.checked)}
                      />
                    </Td>
                    <Td className="font-medium whitespace-nowrap">
                      <Link href={`/workloads/applications/${encodeURIComponent(a.application.name)}`} className="text-sky-700 hover:underline dark:text-sky-400">{a.application.name}</Link>
                    </Td>
                    <Td><AppStatusBadge status={a.application_status.status} /></Td>
                    <Td>
                      <ul className="space-y-1">
                        {a.workloads_status.map((w) => (
                          <li key={`${w.workload_base.type}/${w.workload_base.name}`} className="flex items-center gap-2 text-xs">
                            <span className="font-mono">{w.workload_base.name}</span>
                            <StatusBadge status={w.status} />
                          </li>
                        ))}
                      </ul>
                    </Td>
                    <Td className="max-w-xs truncate">{a.application.description}</Td>
                    <Td className="whitespace-nowrap">{formatDateTime(a.application_status.creation_time, locale)}</Td>
                  </tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} totalLabel={t('ecnsApps.total', { count: list.data?.total ?? 0 })} fetching={list.isFetching} onPage={setPage} />
        </QueryState>
      </NamespaceGate>
      <DeleteApplicationsDialog names={deleting} onClose={() => setDeleting([])} onDeleted={() => { setDeleting([]); setSelected(new Set()); }} />
    </>
  );
}

'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useRequests, type RequestFilters } from '@/lib/client/use-deploy';
import { formatDateTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n/react';
import { Field, Input, Select } from '@/components/ui/field';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { DeployStatusBadge, TypeBadge } from '@/components/deploy/status';

const PAGE_SIZE = 20;
const STATUSES = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Decided requests, newest decision first, filtered by status, project and application. */
export function DecidedRequests() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<RequestFilters['status']>('decided');
  const [businessName, setProject] = useState('');
  const [appName, setApp] = useState('');
  const [page, setPage] = useState(1);
  const query = useRequests({ status, page, pageSize: PAGE_SIZE, businessName: businessName.trim(), appName: appName.trim() });
  const items = query.data?.items ?? [];
  const reset = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPage(1); };
  return (
    <>
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <Field id="audit-filter-status" label={t('deployQueue.filterStatus')}>
          <Select id="audit-filter-status" value={String(status)} onChange={(e) => reset(setStatus)(e.target.value === 'decided' ? 'decided' : Number(e.target.value))}>
            <option value="decided">{t('deployQueue.filterAll')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`deploy.status.${s}` as MessageKey)}</option>)}
          </Select>
        </Field>
        <Field id="audit-filter-project" label={t('deployQueue.filterProject')}>
          <Input id="audit-filter-project" value={businessName} onChange={(e) => reset(setProject)(e.target.value)} />
        </Field>
        <Field id="audit-filter-app" label={t('deployQueue.filterApp')}>
          <Input id="audit-filter-app" value={appName} onChange={(e) => reset(setApp)(e.target.value)} />
        </Field>
      </div>
      <QueryState query={query}>
        {items.length === 0 ? (
          <EmptyState icon="auditQueue" title={t('deployQueue.emptyDecided')} />
        ) : (
          <>
            <Table label={t('deployQueue.decidedTab')}>
              <thead>
                <tr>
                  <Th>#</Th>
                  <Th>{t('deploy.application')}</Th>
                <Th>{t('deploy.requestType')}</Th>
                  <Th>{t('deploy.version')}</Th>
                  <Th>{t('deploy.project')}</Th>
                  <Th>{t('deploy.requester')}</Th>
                  <Th>{t('deploy.decider')}</Th>
                  <Th>{t('deployQueue.filterStatus')}</Th>
                  <Th>{t('deploy.auditComment')}</Th>
                  <Th>{t('deploy.decided')}</Th>
                </tr>
              </thead>
              <Tbody>
                {items.map((r) => (
                  <tr key={r.seq}>
                    <Td><Link href={`/audit/${r.seq}`} aria-label={t('deployQueue.open', { id: r.seq })} className="font-medium text-sky-700 hover:underline dark:text-sky-400">{r.seq}</Link></Td>
                    <Td className="whitespace-nowrap font-medium">{r.appName}</Td>
                  <Td className="whitespace-nowrap"><TypeBadge type={r.type} /></Td>
                    <Td className="font-mono text-xs whitespace-nowrap">{r.fromVersion && r.type !== 4 ? t('deploy.versionFrom', { from: r.fromVersion, to: r.version }) : r.version}</Td>
                    <Td>{r.businessName}</Td>
                    <Td>{r.requestedBy}</Td>
                    <Td>{r.decidedBy ?? t('common.none')}</Td>
                    <Td><DeployStatusBadge status={r.status} /></Td>
                    <Td className="max-w-56 truncate"><span title={r.auditComment}>{r.auditComment || t('common.none')}</span></Td>
                    <Td className="whitespace-nowrap">{formatDateTime(r.decidedAt, locale) || t('common.none')}</Td>
                  </tr>
                ))}
              </Tbody>
            </Table>
            <Pager page={page} pageSize={PAGE_SIZE} total={query.data?.total ?? 0} totalLabel={t('deployQueue.total', { n: query.data?.total ?? 0 })} fetching={query.isFetching} onPage={setPage} />
          </>
        )}
      </QueryState>
    </>
  );
}

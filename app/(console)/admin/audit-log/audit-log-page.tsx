'use client';

import { useState } from 'react';
import { useAuditLog } from '@/lib/client/use-audit';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState, Spinner } from '@/components/ui/states';
import { Table, Tbody, Th } from '@/components/ui/table';
import { AuditFiltersForm, emptyFilters, toQuery, type FilterValues } from './audit-filters';
import { AuditRow } from './audit-row';

const PAGE_SIZE = 50;

export function AuditLogPage() {
  const t = useT();
  const [filters, setFilters] = useState<FilterValues>(emptyFilters);
  const [page, setPage] = useState(1);
  const query = useAuditLog({ ...toQuery(filters), page, pageSize: PAGE_SIZE });
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <AuditFiltersForm
        onApply={(v) => {
          setFilters(v);
          setPage(1);
        }}
      />
      <QueryState query={query}>
        {data && data.items.length === 0 ? (
          <EmptyState icon="auditLog" title={t('audit.empty')} />
        ) : (
          <>
            <Table label={t('audit.title')}>
              <thead>
                <tr>
                  <Th className="w-10">
                    <span className="sr-only">{t('audit.details')}</span>
                  </Th>
                  <Th>{t('audit.at')}</Th>
                  <Th>{t('audit.actor')}</Th>
                  <Th>{t('audit.action')}</Th>
                  <Th>{t('audit.resource')}</Th>
                  <Th>{t('audit.source')}</Th>
                </tr>
              </thead>
              <Tbody>
                {data?.items.map((e) => (
                  <AuditRow key={e.id} entry={e} />
                ))}
              </Tbody>
            </Table>
            <nav aria-label={t('common.pageOf', { page, pages })} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600 dark:text-slate-400">
              <span className="flex items-center gap-2">
                {t('audit.total', { n: data?.total ?? 0 })}
                {query.isFetching ? <Spinner className="size-3.5" /> : null}
              </span>
              <span className="flex items-center gap-3">
                <span>{t('common.pageOf', { page, pages })}</span>
                <Button size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                  {t('common.previous')}
                </Button>
                <Button size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                  {t('common.next')}
                </Button>
              </span>
            </nav>
          </>
        )}
      </QueryState>
    </>
  );
}
